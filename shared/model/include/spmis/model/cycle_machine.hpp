#pragma once
// Cycle states: draft -> to_approve -> approved -> distributed -> ended, cancelled from draft, to_approve and
// approved; to_approve -> draft sends a cycle back for edits.

#include "spmis/model/cycle.hpp"
#include "spmis/model/state_machine.hpp"

namespace spmis::model {

// The cycle state machine (a static table; thread-safe).
const StateMachine<CycleState>& cycle_machine();

// Ok when from -> to is legal for cycle `id`; kIllegalTransition naming record, from and to otherwise.
inline Status check_transition(const Uuid& id, CycleState from, CycleState to) {
    return cycle_machine().check(id, from, to);
}

// The states a cycle may move to from `from`.
inline std::vector<CycleState> legal_targets(CycleState from) { return cycle_machine().targets(from); }

}  // namespace spmis::model

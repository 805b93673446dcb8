#pragma once
// Entitlement states; the edges and why each exists are listed in entitlement_machine.cpp.

#include "spmis/model/entitlement.hpp"
#include "spmis/model/state_machine.hpp"

namespace spmis::model {

// The entitlement state machine (a static table; thread-safe).
const StateMachine<EntitlementState>& entitlement_machine();

// Ok when from -> to is legal for entitlement `id`; kIllegalTransition naming record, from and to otherwise.
inline Status check_transition(const Uuid& id, EntitlementState from, EntitlementState to) {
    return entitlement_machine().check(id, from, to);
}

// The states a entitlement may move to from `from`.
inline std::vector<EntitlementState> legal_targets(EntitlementState from) {
    return entitlement_machine().targets(from);
}

}  // namespace spmis::model

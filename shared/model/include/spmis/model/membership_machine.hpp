#pragma once
// Program membership states (DESIGN.md): draft -> enrolled | not_eligible | duplicated; enrolled <-> paused;
// enrolled -> not_eligible (re-verification, only when asked);
// enrolled | paused -> exited; not_eligible -> draft; duplicated -> draft.

#include "spmis/model/program.hpp"
#include "spmis/model/state_machine.hpp"

namespace spmis::model {

// The program_membership state machine (a static table; thread-safe).
const StateMachine<MembershipState>& membership_machine();

// Ok when from -> to is legal for program_membership `id`; kIllegalTransition naming record, from and to
// otherwise.
inline Status check_transition(const Uuid& id, MembershipState from, MembershipState to) {
    return membership_machine().check(id, from, to);
}

// The states a program_membership may move to from `from`.
inline std::vector<MembershipState> legal_targets(MembershipState from) {
    return membership_machine().targets(from);
}

}  // namespace spmis::model

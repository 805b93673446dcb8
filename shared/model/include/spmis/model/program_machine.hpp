#pragma once
// Program states: active <-> ended (ending cancels open cycles; a program can be reactivated).

#include "spmis/model/program.hpp"
#include "spmis/model/state_machine.hpp"

namespace spmis::model {

// The program state machine (a static table; thread-safe).
const StateMachine<ProgramState>& program_machine();

// Ok when from -> to is legal for program `id`; kIllegalTransition naming record, from and to otherwise.
inline Status check_transition(const Uuid& id, ProgramState from, ProgramState to) {
    return program_machine().check(id, from, to);
}

// The states a program may move to from `from`.
inline std::vector<ProgramState> legal_targets(ProgramState from) { return program_machine().targets(from); }

}  // namespace spmis::model

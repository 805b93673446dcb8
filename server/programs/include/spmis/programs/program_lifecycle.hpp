#pragma once
// A program's own states (active, paused, ended) and what ending one does to everything of it that
// is still open. The rule lives here; the store only records each change.

#include <string>

#include "spmis/model/program.hpp"
#include "spmis/store/store.hpp"

namespace spmis::programs {

// Moves a program to `to`, in one transaction. Ending it also cancels, with the reason "program
// ended": every cycle that may still be cancelled (draft, to_approve, approved) with its entitlements
// never handed over (draft, pending_approval, approved), as cancel_cycle does; and every pending
// approval request of the program, so nothing of an ended program can still be decided.
// kIllegalTransition when the program's state machine refuses the move.
Status move_program(store::Store& store, const Uuid& program_id, model::ProgramState to,
                    const std::string& actor, const std::string& reason);

}  // namespace spmis::programs

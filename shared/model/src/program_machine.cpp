#include "spmis/model/program_machine.hpp"

namespace spmis::model {
namespace {

using S = ProgramState;
constexpr Transition<S> kEdges[] = {
    {S::kActive, S::kEnded},  // ending cancels draft, pending and approved cycles (programs::move_program)
    {S::kEnded, S::kActive},  // reactivation
};
constexpr StateMachine<S> kMachine{"program", kEdges};

}  // namespace

const StateMachine<ProgramState>& program_machine() { return kMachine; }

}  // namespace spmis::model

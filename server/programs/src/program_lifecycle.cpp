#include "spmis/programs/program_lifecycle.hpp"

#include "enrollment_support.hpp"
#include "spmis/model/cycle_machine.hpp"

namespace spmis::programs {

Status move_program(store::Store& store, const Uuid& program_id, model::ProgramState to,
                    const std::string& actor, const std::string& reason) {
    return store.transaction([&]() -> Status {
        SPMIS_RETURN_IF_ERROR(store.programs().transition_program(program_id, to, actor, reason));
        if (to != model::ProgramState::kEnded) return {};
        const std::string why = "program ended";
        SPMIS_ASSIGN_OR_RETURN(auto cycles, store.programs().list_cycles(program_id));
        for (const auto& c : cycles) {
            if (!model::cycle_machine().allows(c.state, model::CycleState::kCancelled)) continue;
            SPMIS_RETURN_IF_ERROR(detail::cancel_cycle_and_entitlements(store, c.id, actor, why));
        }
        return store.approvals().cancel_pending_requests_of_program(program_id, actor, why).status();
    });
}

}  // namespace spmis::programs

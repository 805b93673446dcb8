#include "spmis/programs/expiry.hpp"

namespace spmis::programs {
namespace {

bool may_hold_approved(model::CycleState s) {
    return s == model::CycleState::kApproved || s == model::CycleState::kDistributed ||
           s == model::CycleState::kEnded;
}

Status expire_cycle(store::Store& store, const model::Cycle& cycle, Date today, const std::string& actor,
                    std::size_t& expired) {
    SPMIS_ASSIGN_OR_RETURN(auto entitlements, store.delivery().list_entitlements(cycle.id));
    for (const auto& e : entitlements) {
        if (e.state != model::EntitlementState::kApproved || !(e.valid_until < today)) continue;
        SPMIS_RETURN_IF_ERROR(store.delivery().transition_entitlement(
            e.id, model::EntitlementState::kExpired, actor, "valid until " + format_date(e.valid_until)));
        ++expired;
    }
    return {};
}

}  // namespace

Result<std::size_t> expire_entitlements(store::Store& store, Date today, const std::string& actor) {
    std::size_t expired = 0;
    SPMIS_RETURN_IF_ERROR(store.transaction([&]() -> Status {
        SPMIS_ASSIGN_OR_RETURN(auto programs, store.programs().list_programs());
        for (const auto& program : programs) {
            SPMIS_ASSIGN_OR_RETURN(auto cycles, store.programs().list_cycles(program.id));
            for (const auto& cycle : cycles) {
                if (may_hold_approved(cycle.state))
                    SPMIS_RETURN_IF_ERROR(expire_cycle(store, cycle, today, actor, expired));
            }
        }
        return Status{};
    }));
    return expired;
}

}  // namespace spmis::programs

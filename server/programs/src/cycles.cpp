#include "spmis/programs/cycles.hpp"

#include "enrollment_support.hpp"
#include "spmis/programs/cycle_workflow.hpp"

namespace spmis::programs {
namespace {

// The largest budget a cycle may have: 10^15 minor units (10 trillion of a two-decimal currency),
// far above any real program yet 9,000 times below INT64_MAX, so budgets, totals and monitoring
// sums over thousands of cycles can never overflow the money type.
constexpr std::int64_t kMaxBudgetMinor = 1'000'000'000'000'000;

}  // namespace

Result<model::Cycle> create_cycle(store::Store& store, const Uuid& program_id, const CycleRequest& request) {
    SPMIS_ASSIGN_OR_RETURN(auto program, detail::active_program(store, program_id));
    if (request.name.empty()) return make_error(ErrorCode::kInvalidArgument, "a cycle needs a name");
    if (request.end < request.start) {
        return make_error(
            ErrorCode::kInvalidArgument,
            "cycle end " + format_date(request.end) + " is before its start " + format_date(request.start));
    }
    if (request.budget_minor.value_or(0) < 0) {
        return make_error(ErrorCode::kInvalidArgument, "a cycle budget cannot be negative");
    }
    if (request.budget_minor.value_or(0) > kMaxBudgetMinor) {
        return make_error(ErrorCode::kInvalidArgument,
                          "a cycle budget cannot exceed " + std::to_string(kMaxBudgetMinor) + " minor units");
    }
    model::Cycle cycle;
    SPMIS_RETURN_IF_ERROR(store.transaction([&]() -> Status {
        SPMIS_ASSIGN_OR_RETURN(auto existing, store.programs().list_cycles(program.id));
        cycle.id = new_uuid_v7();
        cycle.program_id = program.id;
        cycle.sequence = existing.empty() ? 1 : existing.back().sequence + 1;
        cycle.name = request.name;
        cycle.start_date = request.start;
        cycle.end_date = request.end;
        cycle.budget = Money{request.budget_minor.value_or(0), program.currency};
        cycle.state = model::CycleState::kDraft;
        cycle.created_at = detail::now(store);
        SPMIS_RETURN_IF_ERROR(store.programs().insert_cycle(cycle));
        return detail::audit_create(store, "cycle", cycle.id, request.actor, "cycle " + request.name);
    }));
    return cycle;
}

Result<ApprovalReport> approve_cycle(store::Store& store, const Uuid& cycle_id, const std::string& actor) {
    ApprovalReport report;
    SPMIS_RETURN_IF_ERROR(store.transaction([&]() -> Status {
        auto& programs = store.programs();
        SPMIS_RETURN_IF_ERROR(
            programs.transition_cycle(cycle_id, model::CycleState::kToApprove, actor, "submitted"));
        SPMIS_RETURN_IF_ERROR(
            programs.transition_cycle(cycle_id, model::CycleState::kApproved, actor, "approved"));
        SPMIS_ASSIGN_OR_RETURN(
            std::size_t pending,
            detail::move_entitlements(store, cycle_id, model::EntitlementState::kDraft,
                                      {model::EntitlementState::kPendingApproval}, actor, "submitted"));
        SPMIS_ASSIGN_OR_RETURN(
            report.entitlement_request,
            release_entitlements(store, cycle_id, actor, actor, "cycle approved", detail::now(store)));
        report.approved = report.entitlement_request ? 0 : pending;
        report.cycle_state = model::CycleState::kApproved;
        return Status{};
    }));
    return report;
}

}  // namespace spmis::programs

#include "spmis/programs/cycle_workflow.hpp"

#include "enrollment_support.hpp"

namespace spmis::programs {
namespace {

using model::CycleState;
using model::EntitlementState;

// Moves every entitlement of the cycle in state `from` through `path` (each step audited).
Status move_entitlements(store::Store& store, const Uuid& cycle_id, EntitlementState from,
                         std::initializer_list<EntitlementState> path, const std::string& actor,
                         const std::string& reason) {
    std::vector<store::EntitlementStep> steps;
    for (EntitlementState to : path) steps.push_back({to, reason});
    return store.delivery().transition_cycle_entitlements(cycle_id, from, steps, actor).status();
}

Status on_cycle_approved(store::Store& store, const model::ApprovalRequest& request,
                         const std::string& actor) {
    const std::string reason = "approval request " + request.id.to_string() + " approved";
    SPMIS_RETURN_IF_ERROR(
        store.programs().transition_cycle(request.record_id, CycleState::kApproved, actor, reason));
    return move_entitlements(store, request.record_id, EntitlementState::kPendingApproval,
                             {EntitlementState::kApproved}, actor, reason);
}

Status on_cycle_rejected(store::Store& store, const model::ApprovalRequest& request,
                         const std::string& actor) {
    const std::string reason = "approval request " + request.id.to_string() + " rejected";
    SPMIS_RETURN_IF_ERROR(
        store.programs().transition_cycle(request.record_id, CycleState::kDraft, actor, reason));
    return move_entitlements(store, request.record_id, EntitlementState::kPendingApproval,
                             {EntitlementState::kRejected, EntitlementState::kDraft}, actor, reason);
}

}  // namespace

Result<model::ApprovalRequest> submit_cycle(store::Store& store, const Uuid& cycle_id,
                                            const std::string& requester, UtcTime now) {
    model::ApprovalRequest request;
    SPMIS_RETURN_IF_ERROR(store.transaction([&]() -> Status {
        SPMIS_ASSIGN_OR_RETURN(auto cycle, store.programs().get_cycle(cycle_id));
        SPMIS_RETURN_IF_ERROR(detail::active_program(store, cycle.program_id).status());
        SPMIS_RETURN_IF_ERROR(
            store.programs().transition_cycle(cycle_id, CycleState::kToApprove, requester, "submitted"));
        SPMIS_RETURN_IF_ERROR(move_entitlements(store, cycle_id, EntitlementState::kDraft,
                                                {EntitlementState::kPendingApproval}, requester,
                                                "submitted"));
        approvals::Submission submission{cycle.program_id, model::ApprovalAction::kCycleApproval, "cycle",
                                         cycle_id, requester};
        SPMIS_ASSIGN_OR_RETURN(request, approvals::open_request(store, submission, now));
        return Status{};
    }));
    return request;
}

Status cancel_cycle(store::Store& store, const Uuid& cycle_id, const std::string& actor,
                    const std::string& reason, UtcTime now) {
    return store.transaction([&]() -> Status {
        SPMIS_RETURN_IF_ERROR(
            store.programs().transition_cycle(cycle_id, CycleState::kCancelled, actor, reason));
        for (EntitlementState from :
             {EntitlementState::kDraft, EntitlementState::kPendingApproval, EntitlementState::kApproved}) {
            SPMIS_RETURN_IF_ERROR(
                move_entitlements(store, cycle_id, from, {EntitlementState::kCancelled}, actor, reason));
        }
        return approvals::cancel_requests_for(store, cycle_id, actor, now);
    });
}

approvals::Handlers approval_handlers() {
    approvals::Handlers handlers;
    handlers[model::ApprovalAction::kCycleApproval] = {on_cycle_approved, on_cycle_rejected};
    return handlers;
}

}  // namespace spmis::programs

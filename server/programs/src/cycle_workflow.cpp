#include "spmis/programs/cycle_workflow.hpp"

#include "enrollment_support.hpp"
#include "spmis/programs/enrollment_approval.hpp"

namespace spmis::programs {
namespace detail {

Result<std::size_t> move_entitlements(store::Store& store, const Uuid& cycle_id, model::EntitlementState from,
                                      std::initializer_list<model::EntitlementState> path,
                                      const std::string& actor, const std::string& reason) {
    // Set-based: one statement per step for the whole cycle, one audit event per entitlement and step.
    std::vector<store::EntitlementStep> steps;
    for (model::EntitlementState to : path) steps.push_back({to, reason});
    return store.delivery().transition_cycle_entitlements(cycle_id, from, steps, actor);
}

Status cancel_cycle_and_entitlements(store::Store& store, const Uuid& cycle_id, const std::string& actor,
                                     const std::string& reason) {
    SPMIS_RETURN_IF_ERROR(
        store.programs().transition_cycle(cycle_id, model::CycleState::kCancelled, actor, reason));
    for (model::EntitlementState from :
         {model::EntitlementState::kDraft, model::EntitlementState::kPendingApproval,
          model::EntitlementState::kApproved}) {
        SPMIS_RETURN_IF_ERROR(
            move_entitlements(store, cycle_id, from, {model::EntitlementState::kCancelled}, actor, reason)
                .status());
    }
    return {};
}

}  // namespace detail

namespace {

using model::CycleState;
using model::EntitlementState;

Status on_cycle_approved(store::Store& store, const model::ApprovalRequest& request,
                         const std::string& actor) {
    const std::string reason = "approval request " + request.id.to_string() + " approved";
    SPMIS_RETURN_IF_ERROR(
        store.programs().transition_cycle(request.record_id, CycleState::kApproved, actor, reason));
    return release_entitlements(store, request.record_id, request.requester, actor, reason,
                                request.decided_at.value_or(detail::now(store)))
        .status();
}

Status on_cycle_rejected(store::Store& store, const model::ApprovalRequest& request,
                         const std::string& actor) {
    const std::string reason = "approval request " + request.id.to_string() + " rejected";
    SPMIS_RETURN_IF_ERROR(
        store.programs().transition_cycle(request.record_id, CycleState::kDraft, actor, reason));
    return detail::move_entitlements(store, request.record_id, EntitlementState::kPendingApproval,
                                     {EntitlementState::kRejected, EntitlementState::kDraft}, actor, reason)
        .status();
}

// The entitlements' own approval: only while the cycle is still approved (not cancelled since).
Status on_entitlements_approved(store::Store& store, const model::ApprovalRequest& request,
                                const std::string& actor) {
    SPMIS_ASSIGN_OR_RETURN(auto cycle, store.programs().get_cycle(request.record_id));
    if (cycle.state != CycleState::kApproved) {
        return make_error(ErrorCode::kFailedPrecondition,
                          "cycle " + cycle.name + " is " + std::string(model::to_string(cycle.state)) +
                              "; its entitlements can only be approved while it is approved");
    }
    return detail::move_entitlements(store, request.record_id, EntitlementState::kPendingApproval,
                                     {EntitlementState::kApproved}, actor,
                                     "entitlement approval request " + request.id.to_string() + " approved")
        .status();
}

// Refused entitlements go back to draft with their cycle, to be regenerated or corrected and the
// cycle submitted again (its cycle_approval then runs once more).
Status on_entitlements_rejected(store::Store& store, const model::ApprovalRequest& request,
                                const std::string& actor) {
    const std::string reason = "entitlement approval request " + request.id.to_string() + " rejected";
    SPMIS_RETURN_IF_ERROR(
        store.programs().transition_cycle(request.record_id, CycleState::kDraft, actor, reason));
    return detail::move_entitlements(store, request.record_id, EntitlementState::kPendingApproval,
                                     {EntitlementState::kRejected, EntitlementState::kDraft}, actor, reason)
        .status();
}

}  // namespace

Result<std::optional<model::ApprovalRequest>> release_entitlements(store::Store& store, const Uuid& cycle_id,
                                                                   const std::string& requester,
                                                                   const std::string& actor,
                                                                   const std::string& reason, UtcTime now) {
    SPMIS_ASSIGN_OR_RETURN(auto cycle, store.programs().get_cycle(cycle_id));
    SPMIS_ASSIGN_OR_RETURN(auto chain, store.approvals().find_chain(
                                           cycle.program_id, model::ApprovalAction::kEntitlementApproval));
    if (!chain) {
        SPMIS_RETURN_IF_ERROR(detail::move_entitlements(store, cycle_id, EntitlementState::kPendingApproval,
                                                        {EntitlementState::kApproved}, actor, reason)
                                  .status());
        return std::optional<model::ApprovalRequest>();
    }
    approvals::Submission submission{cycle.program_id, model::ApprovalAction::kEntitlementApproval, "cycle",
                                     cycle_id, requester};
    SPMIS_ASSIGN_OR_RETURN(auto request, approvals::open_request(store, submission, now));
    return std::optional<model::ApprovalRequest>(std::move(request));
}

Result<model::ApprovalRequest> submit_cycle(store::Store& store, const Uuid& cycle_id,
                                            const std::string& requester, UtcTime now) {
    model::ApprovalRequest request;
    SPMIS_RETURN_IF_ERROR(store.transaction([&]() -> Status {
        SPMIS_ASSIGN_OR_RETURN(auto cycle, store.programs().get_cycle(cycle_id));
        SPMIS_RETURN_IF_ERROR(detail::active_program(store, cycle.program_id).status());
        SPMIS_RETURN_IF_ERROR(
            store.programs().transition_cycle(cycle_id, CycleState::kToApprove, requester, "submitted"));
        SPMIS_RETURN_IF_ERROR(detail::move_entitlements(store, cycle_id, EntitlementState::kDraft,
                                                        {EntitlementState::kPendingApproval}, requester,
                                                        "submitted")
                                  .status());
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
        SPMIS_RETURN_IF_ERROR(detail::cancel_cycle_and_entitlements(store, cycle_id, actor, reason));
        return approvals::cancel_requests_for(store, cycle_id, actor, now);
    });
}

approvals::Handlers approval_handlers() {
    approvals::Handlers handlers;
    handlers[model::ApprovalAction::kCycleApproval] = {on_cycle_approved, on_cycle_rejected};
    handlers[model::ApprovalAction::kEntitlementApproval] = {on_entitlements_approved,
                                                             on_entitlements_rejected};
    handlers[model::ApprovalAction::kEnrollment] = enrollment_handler();
    return handlers;
}

}  // namespace spmis::programs

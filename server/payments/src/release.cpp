#include "spmis/payments/release.hpp"

#include "spmis/base/clock.hpp"

namespace spmis::payments {
namespace {

constexpr const char* kRecordKind = "payment_batch";

approvals::RecordEffect audit_outcome(std::string action) {
    return [action = std::move(action)](store::Store& store, const model::ApprovalRequest& request,
                                        const std::string& actor) -> Status {
        model::AuditEvent e;
        e.id = new_uuid_v7();
        e.actor = actor;
        e.record_kind = kRecordKind;
        e.record_id = request.record_id;
        e.action = action;
        e.reason = "approval request " + request.id.to_string();
        e.at = store.clock().now();
        return store.audit().append(e);
    };
}

}  // namespace

Result<std::optional<model::ApprovalRequest>> open_release_request(store::Store& store,
                                                                   const model::PaymentBatch& batch,
                                                                   const std::string& requester) {
    SPMIS_ASSIGN_OR_RETURN(model::Cycle cycle, store.programs().get_cycle(batch.cycle_id));
    SPMIS_ASSIGN_OR_RETURN(
        auto chain, store.approvals().find_chain(cycle.program_id, model::ApprovalAction::kPaymentRelease));
    if (!chain) return std::optional<model::ApprovalRequest>();
    approvals::Submission s{cycle.program_id, model::ApprovalAction::kPaymentRelease, kRecordKind, batch.id,
                            requester};
    SPMIS_ASSIGN_OR_RETURN(model::ApprovalRequest request,
                           approvals::open_request(store, s, store.clock().now()));
    return std::optional<model::ApprovalRequest>(std::move(request));
}

Status check_released(store::Store& store, const Uuid& batch_id) {
    SPMIS_ASSIGN_OR_RETURN(auto requests, store.approvals().list_requests_for_record(batch_id));
    if (requests.empty() || requests.back().state == model::ApprovalState::kApproved) return {};
    return make_error(ErrorCode::kConflict, "payment batch " + batch_id.to_string() +
                                                " is not released: its payment_release approval is " +
                                                std::string(model::to_string(requests.back().state)));
}

approvals::Handlers release_handlers() {
    approvals::Handlers handlers;
    handlers[model::ApprovalAction::kPaymentRelease] = {audit_outcome("release"),
                                                        audit_outcome("release_rejected")};
    return handlers;
}

}  // namespace spmis::payments

#include "spmis/payments/batches.hpp"

#include "spmis/base/clock.hpp"
#include "spmis/payments/release.hpp"

namespace spmis::payments {
namespace {

Status audit_batch(store::Store& store, const model::PaymentBatch& batch, const std::string& actor,
                   std::size_t payments) {
    model::AuditEvent e;
    e.id = new_uuid_v7();
    e.actor = actor;
    e.record_kind = "payment_batch";
    e.record_id = batch.id;
    e.action = "create";
    e.reason = std::string(model::to_string(batch.provider_kind)) + " " + batch.provider + ", " +
               std::to_string(payments) + " payments";
    e.at = batch.created_at;
    return store.audit().append(e);
}

Status check_cycle(store::Store& store, const Uuid& cycle_id) {
    SPMIS_ASSIGN_OR_RETURN(model::Cycle cycle, store.programs().get_cycle(cycle_id));
    if (cycle.state != model::CycleState::kApproved && cycle.state != model::CycleState::kDistributed) {
        return make_error(ErrorCode::kFailedPrecondition, "cycle " + cycle.name + " is " +
                                                              std::string(model::to_string(cycle.state)) +
                                                              "; only approved cycles are paid");
    }
    return {};
}

// One pending payment per payable entitlement, each entitlement moved to transferred (set-based).
Status add_payments(store::Store& store, const model::PaymentBatch& batch, const std::string& actor,
                    BatchReport& report) {
    const std::string reason = "in payment batch " + batch.id.to_string() + " (" + batch.provider + ")";
    SPMIS_ASSIGN_OR_RETURN(auto added, store.payments().add_batch_payments(batch, actor, reason));
    if (added.count == 0) {
        return make_error(ErrorCode::kFailedPrecondition,
                          "cycle " + batch.cycle_id.to_string() + " has no payable cash entitlements");
    }
    report.payments = added.count;
    report.total = added.total;
    report.phases.merge(added.phases, "");
    return {};
}

}  // namespace

Result<BatchReport> create_batch(store::Store& store, const Uuid& cycle_id, const BatchRequest& request) {
    if (request.provider.empty()) {
        return make_error(ErrorCode::kInvalidArgument, "a payment batch needs a provider name");
    }
    BatchReport report;
    SPMIS_RETURN_IF_ERROR(store.transaction([&]() -> Status {
        SPMIS_RETURN_IF_ERROR(check_cycle(store, cycle_id));
        report.phases.lap("check cycle");
        model::PaymentBatch& batch = report.batch;
        batch.id = new_uuid_v7();
        batch.cycle_id = cycle_id;
        batch.provider = request.provider;
        batch.provider_kind = request.kind;
        batch.state = model::PaymentBatchState::kDraft;
        batch.created_at = store.clock().now();
        SPMIS_RETURN_IF_ERROR(store.delivery().insert_payment_batch(batch));
        SPMIS_RETURN_IF_ERROR(add_payments(store, batch, request.actor, report));
        SPMIS_RETURN_IF_ERROR(audit_batch(store, batch, request.actor, report.payments));
        SPMIS_ASSIGN_OR_RETURN(report.release, open_release_request(store, batch, request.actor));
        report.phases.lap("batch audit and release");
        return {};
    }));
    report.phases.lap("commit");
    return report;
}

Result<BatchSummary> summarize_batch(store::Store& store, const Uuid& batch_id) {
    SPMIS_RETURN_IF_ERROR(store.delivery().get_payment_batch(batch_id).status());
    SPMIS_ASSIGN_OR_RETURN(auto payments, store.delivery().list_payments(batch_id));
    BatchSummary s;
    for (const model::Payment& p : payments) {
        if (s.total.currency.empty()) s.total.currency = p.amount.currency;
        SPMIS_ASSIGN_OR_RETURN(s.total, add(s.total, p.amount));
        if (p.status == model::PaymentStatus::kPending) ++s.pending;
        if (p.status == model::PaymentStatus::kPaid) ++s.paid;
        if (p.status == model::PaymentStatus::kFailed) ++s.failed;
    }
    return s;
}

}  // namespace spmis::payments

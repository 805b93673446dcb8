#include "spmis/payments/reconciliation.hpp"

#include <map>

#include "result_rows.hpp"
#include "spmis/base/clock.hpp"
#include "spmis/payments/payment_file.hpp"

namespace spmis::payments {
namespace {

using detail::ResultRow;
// Ordered by id bytes (Uuid's own <=> is avoided, see programs/uuid_order.hpp).
struct ByBytes {
    bool operator()(const Uuid& a, const Uuid& b) const { return a.bytes() < b.bytes(); }
};
using PaymentsByEntitlement = std::map<Uuid, model::Payment, ByBytes>;

// A row that repeats the batch's record changes nothing; one that contradicts a settled payment
// is a problem (a paid payment is final, a failed one may already be in a newer batch).
enum class RowEffect { kApply, kUnchanged, kRefused };

RowEffect effect_of(const ResultRow& row, const model::Payment& p) {
    if (p.status == model::PaymentStatus::kPending) return RowEffect::kApply;
    if (p.status != row.status) return RowEffect::kRefused;
    if (p.status == model::PaymentStatus::kPaid && p.provider_reference != row.reference) {
        return RowEffect::kRefused;
    }
    return RowEffect::kUnchanged;
}

void check_row(const ResultRow& row, const model::PaymentBatch& batch, const PaymentsByEntitlement& payments,
               ImportReport& report) {
    auto& problems = report.problems;
    const std::string batch_id = batch.id.to_string();
    if (row.batch && *row.batch != batch_id) {
        problems.push_back({row.line, "batch", "'" + *row.batch + "' is not batch " + batch_id});
    }
    auto it = payments.find(row.entitlement);
    if (it == payments.end()) {
        problems.push_back({row.line, "entitlement",
                            "entitlement " + row.entitlement.to_string() + " is not in batch " + batch_id});
        return;
    }
    const model::Payment& p = it->second;
    if (row.amount_minor && *row.amount_minor != p.amount.minor_units) {
        problems.push_back({row.line, "amount",
                            "amount " + format_amount(*row.amount_minor) + " differs from " +
                                format_amount(p.amount.minor_units) + " in the batch"});
    }
    if (row.currency && *row.currency != p.amount.currency) {
        problems.push_back(
            {row.line, "currency", "currency " + *row.currency + " differs from " + p.amount.currency});
    }
    const RowEffect effect = effect_of(row, p);
    if (effect == RowEffect::kRefused) {
        problems.push_back(
            {row.line, "status",
             "payment already reconciled as " + std::string(model::to_string(p.status)) +
                 (p.provider_reference.empty() ? "" : " (reference " + p.provider_reference + ")")});
    }
    if (effect == RowEffect::kUnchanged) ++report.unchanged;
}

Status apply_row(store::Store& store, const ResultRow& row, const model::Payment& p, const std::string& actor,
                 ImportReport& report) {
    if (effect_of(row, p) != RowEffect::kApply) return {};
    const bool paid = row.status == model::PaymentStatus::kPaid;
    const std::string reason = paid ? "" : (row.reason.empty() ? "no reason given" : row.reason);
    SPMIS_RETURN_IF_ERROR(store.payments().settle_payment(p.id, row.status, row.reference, reason));
    const std::string why =
        paid ? "paid by provider, reference " + row.reference : "payment failed: " + reason;
    SPMIS_RETURN_IF_ERROR(store.delivery().transition_entitlement(
        p.entitlement_id, paid ? model::EntitlementState::kPaid : model::EntitlementState::kApproved, actor,
        why));
    ++(paid ? report.paid : report.failed);
    return {};
}

Status apply_all(store::Store& store, const model::PaymentBatch& batch, const std::vector<ResultRow>& rows,
                 const PaymentsByEntitlement& payments, const std::string& actor, ImportReport& report) {
    for (const ResultRow& row : rows) {
        SPMIS_RETURN_IF_ERROR(apply_row(store, row, payments.at(row.entitlement), actor, report));
    }
    std::size_t pending = 0;
    for (const auto& [id, p] : payments) {
        if (p.status == model::PaymentStatus::kPending) ++pending;
    }
    report.batch_state = batch.state;
    if (pending == report.paid + report.failed) report.batch_state = model::PaymentBatchState::kReconciled;
    if (report.batch_state != batch.state) {
        SPMIS_RETURN_IF_ERROR(store.payments().set_batch_state(batch.id, report.batch_state));
    }
    const UtcTime now = store.clock().now();
    return store.payments().record_import({batch.id, report.file_sha256, actor, now,
                                           static_cast<std::int64_t>(report.paid),
                                           static_cast<std::int64_t>(report.failed)});
}

Result<PaymentsByEntitlement> payments_of(store::Store& store, const Uuid& batch_id) {
    SPMIS_ASSIGN_OR_RETURN(auto list, store.delivery().list_payments(batch_id));
    PaymentsByEntitlement out;
    for (model::Payment& p : list) out.emplace(p.entitlement_id, std::move(p));
    return out;
}

}  // namespace

Result<ImportReport> import_results(store::Store& store, const Uuid& batch_id, std::string_view csv,
                                    const std::string& actor) {
    ImportReport report;
    report.file_sha256 = sha256_hex(csv);
    const std::vector<ResultRow> rows = detail::parse_result_rows(csv, report.problems);
    report.rows = rows.size();
    SPMIS_RETURN_IF_ERROR(store.transaction([&]() -> Status {
        SPMIS_ASSIGN_OR_RETURN(model::PaymentBatch batch, store.delivery().get_payment_batch(batch_id));
        if (batch.state == model::PaymentBatchState::kDraft) {
            return make_error(ErrorCode::kFailedPrecondition,
                              "batch " + batch_id.to_string() + " has not been exported yet");
        }
        report.batch_state = batch.state;
        SPMIS_ASSIGN_OR_RETURN(report.already_imported,
                               store.payments().import_recorded(batch_id, report.file_sha256));
        SPMIS_ASSIGN_OR_RETURN(PaymentsByEntitlement payments, payments_of(store, batch_id));
        for (const ResultRow& row : rows) check_row(row, batch, payments, report);
        if (!report.problems.empty()) {
            report.unchanged = 0;
            return {};
        }
        report.applied = true;
        return apply_all(store, batch, rows, payments, actor, report);
    }));
    return report;
}

std::string format_problems(const std::vector<RowProblem>& problems) {
    std::string out;
    for (const RowProblem& p : problems) {
        out += "line " + std::to_string(p.line) + (p.column.empty() ? "" : ", column " + p.column) + ": " +
               p.message + "\n";
    }
    return out;
}

}  // namespace spmis::payments

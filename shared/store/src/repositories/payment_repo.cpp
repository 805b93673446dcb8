// Payment queries: payable entitlements, provider file lines, export and settlement, imports.

#include "repositories/payment_repo.hpp"

namespace spmis::store::SPMIS_STORE_NS {
namespace {

PaymentFileLine read_line(Row& r) {
    PaymentFileLine l;
    l.payment_id = r.uuid();
    l.entitlement_id = r.uuid();
    l.registrant_id = r.uuid();
    l.beneficiary_name = r.text();
    l.phone = r.text();
    l.bank_account = r.text();
    l.amount = r.money();
    l.status = enumeration<model::PaymentStatus>(r);
    l.provider_reference = r.text();
    l.failure_reason = r.text();
    return l;
}

// Households often have no phone of their own: the head's stands in (the lowest id among heads,
// read in the membership key's order so no sort runs per line).
constexpr const char* kLineSelect = R"sql(
SELECT p.id, p.entitlement_id, r.id, r.name,
       COALESCE(NULLIF(r.phone, ''), (SELECT i.phone FROM group_memberships g JOIN registrants i
                                      ON i.id = g.individual_id WHERE g.group_id = r.id AND g.kind = 'head'
                                      ORDER BY g.individual_id LIMIT 1), ''),
       COALESCE((SELECT a.value FROM registrant_attributes a
                 WHERE a.registrant_id = r.id AND a.name = 'bank_account'), ''),
       p.amount_minor, p.currency, p.status, p.provider_reference, p.failure_reason
FROM payments p JOIN entitlements e ON e.id = p.entitlement_id JOIN registrants r ON r.id = e.registrant_id
WHERE p.batch_id = ?1 AND p.entitlement_id >= ?2 )sql";

// The line order; a bounded range ends before ?3.
constexpr const char* kLineOrder = "ORDER BY p.entitlement_id";
constexpr const char* kLineBound = "AND p.entitlement_id < ?3 ";

}  // namespace

model::PaymentBatch read_payment_batch(Row& r) {
    model::PaymentBatch b;
    b.id = r.uuid();
    b.cycle_id = r.uuid();
    b.provider = r.text();
    b.state = enumeration<model::PaymentBatchState>(r);
    b.created_at = r.time();
    b.provider_kind = enumeration<model::ProviderKind>(r);
    b.file_sha256 = r.text();
    b.exported_at = r.optional<UtcTime>([](Row& x) { return x.time(); });
    return b;
}

Result<std::vector<PayableEntitlement>> SqlPayments::payable_entitlements(const Uuid& cycle_id) {
    return query<PayableEntitlement>(
        db_,
        "SELECT e.id, e.amount_minor, e.currency FROM entitlements e WHERE e.cycle_id = ? AND e.kind = "
        "'cash' "
        "AND e.state = 'approved' AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.entitlement_id = e.id "
        "AND p.status <> 'failed') ORDER BY e.id",
        [](Row& r) {
            PayableEntitlement p;
            p.entitlement_id = r.uuid();
            p.amount = r.money();
            return p;
        },
        cycle_id);
}

Result<std::vector<model::PaymentBatch>> SqlPayments::list_batches(const Uuid& cycle_id) {
    return query<model::PaymentBatch>(
        db_,
        "SELECT id, cycle_id, provider, state, created_at, provider_kind, file_sha256, exported_at "
        "FROM payment_batches WHERE cycle_id = ? ORDER BY created_at, id",
        read_payment_batch, cycle_id);
}

Status SqlPayments::for_each_file_line(const Uuid& batch_id, const Uuid& from, const std::optional<Uuid>& to,
                                       const std::function<Status(const PaymentFileLine&)>& visit) {
    static const std::string kOpen = std::string(kLineSelect) + kLineOrder;
    static const std::string kBounded = std::string(kLineSelect) + kLineBound + kLineOrder;
    SPMIS_ASSIGN_OR_RETURN(Statement * st, db_.prepare(to ? kBounded : kOpen));
    if (to) {
        st->bind(batch_id, from, *to);
    } else {
        st->bind(batch_id, from);
    }
    while (true) {
        SPMIS_ASSIGN_OR_RETURN(bool has_row, st->step());
        if (!has_row) return {};
        Row row(*st);
        PaymentFileLine line = read_line(row);
        SPMIS_RETURN_IF_ERROR(row.status());
        SPMIS_RETURN_IF_ERROR(visit(line));
    }
}

Result<std::optional<Uuid>> SqlPayments::file_line_midpoint(const Uuid& batch_id) {
    // Both counts walk the (batch, entitlement) index only.
    return query_one<Uuid>(
        db_,
        "SELECT entitlement_id FROM payments WHERE batch_id = ?1 ORDER BY entitlement_id LIMIT 1 "
        "OFFSET (SELECT count(*) FROM payments WHERE batch_id = ?1) / 2",
        [](Row& r) { return r.uuid(); }, batch_id);
}

Status SqlPayments::mark_exported(const Uuid& batch_id, const std::string& file_sha256) {
    return run(db_,
               "UPDATE payment_batches SET state = CASE WHEN state = 'draft' THEN 'exported' ELSE state END, "
               "file_sha256 = ?2, exported_at = COALESCE(exported_at, ?3) WHERE id = ?1",
               batch_id, file_sha256, db_.now());
}

Status SqlPayments::set_batch_state(const Uuid& batch_id, model::PaymentBatchState state) {
    return run(db_, "UPDATE payment_batches SET state = ?2 WHERE id = ?1", batch_id, state);
}

Status SqlPayments::settle_payment(const Uuid& payment_id, model::PaymentStatus status,
                                   const std::string& provider_reference, const std::string& failure_reason) {
    SPMIS_ASSIGN_OR_RETURN(auto current, query_one<std::string>(
                                             db_, "SELECT status FROM payments WHERE id = ?",
                                             [](Row& r) { return r.text(); }, payment_id));
    if (!current) {
        return make_error(ErrorCode::kNotFound, "payment " + payment_id.to_string() + " does not exist");
    }
    if (*current != "pending") {
        return make_error(ErrorCode::kFailedPrecondition,
                          "payment " + payment_id.to_string() + " is already " + *current);
    }
    return run(
        db_,
        "UPDATE payments SET status = ?2, provider_reference = ?3, failure_reason = ?4, updated_at = ?5 "
        "WHERE id = ?1",
        payment_id, status, provider_reference, failure_reason, db_.now());
}

Result<bool> SqlPayments::import_recorded(const Uuid& batch_id, const std::string& file_sha256) {
    SPMIS_ASSIGN_OR_RETURN(
        auto n, query_one<std::int64_t>(
                    db_, "SELECT COUNT(*) FROM payment_imports WHERE batch_id = ? AND file_sha256 = ?",
                    [](Row& r) { return r.i64(); }, batch_id, file_sha256));
    return n.value_or(0) > 0;
}

Status SqlPayments::record_import(const PaymentImport& import) {
    return run(db_,
               "INSERT INTO payment_imports (batch_id, file_sha256, imported_by, imported_at, paid, "
               "failed) VALUES (?,?,?,?,?,?) ON CONFLICT DO NOTHING",
               import.batch_id, import.file_sha256, import.imported_by, import.imported_at, import.paid,
               import.failed);
}

}  // namespace spmis::store::SPMIS_STORE_NS

#include "repositories/payment_repo.hpp"
#include "repositories/repositories.hpp"
#include "repositories/transition.hpp"
#include "spmis/model/entitlement_machine.hpp"

namespace spmis::store::SPMIS_STORE_NS {
namespace {

const std::string kEntitlementSelect =
    "SELECT id, cycle_id, program_id, registrant_id, kind, state, amount_minor, currency, item, quantity, "
    "unit, "
    "service_point_id, voucher_code, valid_from, valid_until, created_at FROM entitlements ";
const std::string kPaymentSelect =
    "SELECT id, batch_id, entitlement_id, amount_minor, currency, status, provider_reference, "
    "failure_reason, "
    "updated_at FROM payments ";

model::Entitlement read_entitlement(Row& r) {
    model::Entitlement e;
    e.id = r.uuid();
    e.cycle_id = r.uuid();
    e.program_id = r.uuid();
    e.registrant_id = r.uuid();
    e.kind = enumeration<model::EntitlementKind>(r);
    e.state = enumeration<model::EntitlementState>(r);
    e.amount = r.money();
    e.item = r.text();
    e.quantity = r.f64();
    e.unit = r.text();
    e.service_point_id = r.optional<Uuid>([](Row& x) { return x.uuid(); });
    e.voucher_code = r.text();
    e.valid_from = r.date();
    e.valid_until = r.date();
    e.created_at = r.time();
    return e;
}

model::Payment read_payment(Row& r) {
    model::Payment p;
    p.id = r.uuid();
    p.batch_id = r.uuid();
    p.entitlement_id = r.uuid();
    p.amount = r.money();
    p.status = enumeration<model::PaymentStatus>(r);
    p.provider_reference = r.text();
    p.failure_reason = r.text();
    p.updated_at = r.time();
    return p;
}

}  // namespace

Status SqlDelivery::insert_entitlement(const model::Entitlement& e) {
    return insert_entitlements(std::span<const model::Entitlement>(&e, 1));
}

Result<model::Entitlement> SqlDelivery::get_entitlement(const Uuid& id) {
    return get_by_id<model::Entitlement>(db_, kEntitlementSelect + "WHERE id = ?", read_entitlement,
                                         "entitlement", id);
}

Result<std::vector<model::Entitlement>> SqlDelivery::list_entitlements(const Uuid& cycle_id) {
    return query<model::Entitlement>(db_, kEntitlementSelect + "WHERE cycle_id = ? ORDER BY id",
                                     read_entitlement, cycle_id);
}

Result<std::vector<model::Entitlement>> SqlDelivery::list_entitlements_of(const Uuid& registrant_id) {
    return query<model::Entitlement>(db_, kEntitlementSelect + "WHERE registrant_id = ? ORDER BY id",
                                     read_entitlement, registrant_id);
}

Status SqlDelivery::transition_entitlement(const Uuid& id, model::EntitlementState to,
                                           const std::string& actor, const std::string& reason) {
    return audited_transition<model::EntitlementState>(
        db_, model::entitlement_machine(), "entitlements",
        "UPDATE entitlements SET state = ?2, updated_at = ?3 WHERE id = ?1", id, to, actor, reason);
}

Status SqlDelivery::insert_payment_batch(const model::PaymentBatch& b) {
    return run(db_,
               "INSERT INTO payment_batches (id, cycle_id, provider, state, created_at, provider_kind, "
               "file_sha256, exported_at) VALUES (?,?,?,?,?,?,?,?)",
               b.id, b.cycle_id, b.provider, b.state, b.created_at, b.provider_kind, b.file_sha256,
               b.exported_at);
}

Result<model::PaymentBatch> SqlDelivery::get_payment_batch(const Uuid& id) {
    return get_by_id<model::PaymentBatch>(
        db_,
        "SELECT id, cycle_id, provider, state, created_at, provider_kind, file_sha256, exported_at "
        "FROM payment_batches WHERE id = ?",
        read_payment_batch, "payment_batch", id);
}

Status SqlDelivery::insert_payment(const model::Payment& p) {
    return run(db_,
               "INSERT INTO payments (id, batch_id, entitlement_id, amount_minor, currency, status, "
               "provider_reference, failure_reason, updated_at) VALUES (?,?,?,?,?,?,?,?,?)",
               p.id, p.batch_id, p.entitlement_id, p.amount.minor_units, p.amount.currency, p.status,
               p.provider_reference, p.failure_reason, p.updated_at);
}

Result<model::Payment> SqlDelivery::get_payment(const Uuid& id) {
    return get_by_id<model::Payment>(db_, kPaymentSelect + "WHERE id = ?", read_payment, "payment", id);
}

Result<std::vector<model::Payment>> SqlDelivery::list_payments(const Uuid& batch_id) {
    return query<model::Payment>(db_, kPaymentSelect + "WHERE batch_id = ? ORDER BY id", read_payment,
                                 batch_id);
}

}  // namespace spmis::store::SPMIS_STORE_NS

// The facts of the push path (attendance, redemptions: checked and written through the service
// point repository, the one door for facts) and the registry lookups it makes.

#include "repositories/repositories.hpp"

namespace spmis::store::SPMIS_STORE_NS {
namespace {

// The redeemed sum of the entitlement named by `entitlement`, in thousandths: read from the
// (entitlement, voided_by, quantity) index alone (schema 13).
std::string redeemed_milli_of(const std::string& entitlement) {
    return "(SELECT CAST(ROUND(COALESCE(SUM(r.quantity), 0) * 1000) AS BIGINT) FROM redemptions r "
           "WHERE r.entitlement_id = " +
           entitlement + " AND r.voided_by IS NULL)";
}

}  // namespace

Result<bool> SqlRegistry::registrant_exists(const Uuid& registrant_id) {
    SPMIS_ASSIGN_OR_RETURN(auto hit, query_one<bool>(
                                         db_, "SELECT 1 FROM registrants WHERE id = ?",
                                         [](Row& r) { return r.boolean(); }, registrant_id));
    return hit.has_value();
}

Result<std::optional<Uuid>> SqlServicePoints::first_attendance(const Uuid& registrant_id,
                                                               const Uuid& event_id) {
    return query_one<Uuid>(
        db_,
        "SELECT id FROM attendance WHERE registrant_id = ? AND event_id = ? AND duplicate_of IS NULL "
        "ORDER BY id LIMIT 1",
        [](Row& r) { return r.uuid(); }, registrant_id, event_id);
}

Status SqlServicePoints::insert_attendance(const model::Attendance& a,
                                           const std::optional<Uuid>& duplicate_of) {
    return run(
        db_,
        "INSERT INTO attendance (id, event_id, registrant_id, device_id, recorded_by, at, duplicate_of) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        a.id, a.event_id, a.registrant_id, a.device_id, a.recorded_by, a.at, duplicate_of);
}

Result<std::int64_t> SqlServicePoints::count_attendance(const Uuid& event_id) {
    SPMIS_ASSIGN_OR_RETURN(
        auto n, query_one<std::int64_t>(
                    db_, "SELECT COUNT(*) FROM attendance WHERE event_id = ? AND duplicate_of IS NULL",
                    [](Row& r) { return r.i64(); }, event_id));
    return n.value_or(0);
}

Result<std::int64_t> SqlServicePoints::redeemed_milli(const Uuid& entitlement_id) {
    static const std::string kSql = "SELECT " + redeemed_milli_of("?");
    SPMIS_ASSIGN_OR_RETURN(auto n, query_one<std::int64_t>(
                                       db_, kSql, [](Row& r) { return r.i64(); }, entitlement_id));
    return n.value_or(0);
}

Result<std::optional<RedemptionTarget>> SqlServicePoints::redemption_target(const Uuid& entitlement_id) {
    static const std::string kSql =
        "SELECT e.program_id, e.kind, e.state, e.amount_minor, e.currency, e.quantity, e.valid_until, " +
        redeemed_milli_of("e.id") + " FROM entitlements e WHERE e.id = ?";
    return query_one<RedemptionTarget>(
        db_, kSql,
        [](Row& r) {
            RedemptionTarget t;
            t.program_id = r.uuid();
            t.kind = enumeration<model::EntitlementKind>(r);
            t.state = enumeration<model::EntitlementState>(r);
            t.amount = r.money();
            t.quantity = r.f64();
            t.valid_until = r.date();
            t.redeemed_milli = r.i64();
            return t;
        },
        entitlement_id);
}

Result<bool> SqlServicePoints::credential_redeemed(const std::string& credential_id) {
    // `credential_id <> ''` lets SQLite use the partial index of migration 8.
    SPMIS_ASSIGN_OR_RETURN(auto hit, query_one<bool>(
                                         db_,
                                         "SELECT 1 FROM redemptions WHERE credential_id = ? AND "
                                         "credential_id <> '' AND voided_by IS NULL LIMIT 1",
                                         [](Row& r) { return r.boolean(); }, credential_id));
    return hit.has_value();
}

Status SqlServicePoints::void_redemption(const Uuid& redemption_id, const std::string& voided_by) {
    SPMIS_ASSIGN_OR_RETURN(auto state, query_one<bool>(
                                           db_, "SELECT voided_by IS NOT NULL FROM redemptions WHERE id = ?",
                                           [](Row& r) { return r.boolean(); }, redemption_id));
    if (!state)
        return make_error(ErrorCode::kNotFound,
                          "redemption " + redemption_id.to_string() + " does not exist");
    if (*state) {
        return make_error(ErrorCode::kFailedPrecondition,
                          "redemption " + redemption_id.to_string() + " is already voided");
    }
    return run(db_, "UPDATE redemptions SET voided_by = ? WHERE id = ?", voided_by, redemption_id);
}

Result<std::vector<Uuid>> SqlRegistry::service_points_of_registrant(const Uuid& registrant_id) {
    return query<Uuid>(
        db_,
        "SELECT DISTINCT service_point_id FROM entitlements WHERE service_point_id IS NOT NULL AND ("
        "registrant_id = ?1"
        " OR registrant_id IN (SELECT group_id FROM group_memberships WHERE individual_id = ?1)"
        " OR registrant_id IN (SELECT individual_id FROM group_memberships WHERE group_id = ?1))",
        [](Row& r) { return r.uuid(); }, registrant_id);
}

Result<std::optional<Uuid>> SqlServicePoints::redemption_device(const Uuid& redemption_id) {
    SPMIS_ASSIGN_OR_RETURN(
        auto row,
        query_one<std::optional<Uuid>>(
            db_, "SELECT device_id FROM redemptions WHERE id = ?",
            [](Row& r) { return r.optional<Uuid>([](Row& x) { return x.uuid(); }); }, redemption_id));
    if (!row)
        return make_error(ErrorCode::kNotFound,
                          "redemption " + redemption_id.to_string() + " does not exist");
    return *row;
}

Result<std::vector<Uuid>> SqlRegistry::registrants_with_national_id(const std::string& national_id) {
    return query<Uuid>(
        db_, "SELECT id FROM registrants WHERE national_id = ? ORDER BY id", [](Row& r) { return r.uuid(); },
        national_id);
}

Result<std::int64_t> SqlRegistry::field_version(const Uuid& registrant_id, const std::string& field) {
    SPMIS_ASSIGN_OR_RETURN(
        auto v,
        query_one<std::int64_t>(
            db_, "SELECT version FROM registrant_field_versions WHERE registrant_id = ? AND field = ?",
            [](Row& r) { return r.i64(); }, registrant_id, field));
    return v.value_or(0);
}

Status SqlRegistry::bump_field_version(const Uuid& registrant_id, const std::string& field) {
    return run(
        db_,
        "INSERT INTO registrant_field_versions (registrant_id, field, version) VALUES (?, ?, 1) "
        // Qualified: PostgreSQL would read a bare `version` as ambiguous (the row or excluded).
        "ON CONFLICT (registrant_id, field) DO UPDATE SET version = registrant_field_versions.version + 1",
        registrant_id, field);
}

}  // namespace spmis::store::SPMIS_STORE_NS

// Operation log, enrollment codes, facts and metadata of the sync repository.

#include "sqlite/sync_repo.hpp"

#include <limits>

namespace spmis::store::sqlite {
namespace {

const std::string kOpSelect =
    "SELECT device_id, device_seq, hash, op_type, record_id, op_json, server_seq, received_at, disposition, "
    "reason, case_ids, flags FROM sync_operations ";

// The refused or flagged operations; written exactly as the partial indexes of schema 20 are, so
// that SQLite uses them.
const std::string kRefused = "disposition IN ('rejected', 'accepted_flagged') ";

StoredOperation read_op(Row& r) {
    StoredOperation op;
    op.device_id = r.uuid();
    op.device_seq = static_cast<std::uint64_t>(r.i64());
    op.hash_hex = r.text();
    op.op_type = r.text();
    op.record_id = r.uuid();
    op.op_json = r.text();
    op.server_seq = r.i64();
    op.received_at = r.time();
    op.disposition = r.text();
    op.reason = r.text();
    op.case_ids = split_ids(r.text());
    op.flags = r.text();
    return op;
}

// The redeemed sum of the entitlement named by `entitlement`, in thousandths: read from the
// (entitlement, voided_by, quantity) index alone (schema 13).
std::string redeemed_milli_of(const std::string& entitlement) {
    return "(SELECT CAST(ROUND(COALESCE(SUM(r.quantity), 0) * 1000) AS INTEGER) FROM redemptions r "
           "WHERE r.entitlement_id = " +
           entitlement + " AND r.voided_by IS NULL)";
}

}  // namespace

std::string join_ids(const std::vector<Uuid>& ids) {
    std::string out;
    for (const auto& id : ids) out += (out.empty() ? "" : ",") + id.to_string();
    return out;
}

std::vector<Uuid> split_ids(const std::string& text) {
    std::vector<Uuid> out;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find(',', start);
        if (end == std::string::npos) end = text.size();
        auto id = Uuid::parse(std::string_view(text).substr(start, end - start));
        if (id.ok()) out.push_back(*id);
        start = end + 1;
    }
    return out;
}

Result<std::int64_t> SqliteSync::next_seq() { return reserve_server_seqs(1); }

Result<std::int64_t> SqliteSync::reserve_server_seqs(std::int64_t count) {
    return reserve_stamps(db_, count);
}

Result<std::optional<StoredOperation>> SqliteSync::last_operation(const Uuid& device_id) {
    return query_one<StoredOperation>(db_, kOpSelect + "WHERE device_id = ? ORDER BY device_seq DESC LIMIT 1",
                                      read_op, device_id);
}

Result<std::optional<StoredOperation>> SqliteSync::get_operation(const Uuid& device_id, std::uint64_t seq) {
    return query_one<StoredOperation>(db_, kOpSelect + "WHERE device_id = ? AND device_seq = ?", read_op,
                                      device_id, static_cast<std::int64_t>(seq));
}

Result<std::int64_t> SqliteSync::insert_operation(const StoredOperation& op) {
    std::int64_t seq = op.server_seq;
    if (seq <= 0) {
        SPMIS_ASSIGN_OR_RETURN(seq, next_seq());
    }
    SPMIS_RETURN_IF_ERROR(
        run(db_,
            "INSERT INTO sync_operations (device_id, device_seq, hash, op_type, record_id, op_json, "
            "server_seq, received_at, disposition, reason, case_ids, flags) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            op.device_id, static_cast<std::int64_t>(op.device_seq), op.hash_hex, op.op_type, op.record_id,
            op.op_json, seq, op.received_at, op.disposition, op.reason, join_ids(op.case_ids), op.flags));
    return seq;
}

Result<std::vector<StoredOperation>> SqliteSync::list_operations(const Uuid& device_id, std::uint64_t after,
                                                                 std::size_t limit) {
    return query<StoredOperation>(
        db_, kOpSelect + "WHERE device_id = ? AND device_seq > ? ORDER BY device_seq LIMIT ?", read_op,
        device_id, static_cast<std::int64_t>(after), static_cast<std::int64_t>(limit));
}

Result<std::vector<StoredOperation>> SqliteSync::list_refused_operations(const RefusedOperationFilter& f) {
    // Without a device, "?2 IS NULL" keeps the parameter numbers and leaves the device index unused.
    const std::string device = f.device_id ? "AND device_id = ?2 " : "AND ?2 IS NULL ";
    const std::int64_t limit = f.limit == 0 ? -1 : static_cast<std::int64_t>(f.limit);  // -1: no limit
    return query<StoredOperation>(db_,
                                  kOpSelect + "WHERE " + kRefused + device +
                                      "AND (?1 IS NULL OR disposition = ?1) AND server_seq < ?3 "
                                      "ORDER BY server_seq DESC LIMIT ?4",
                                  read_op, f.disposition, f.device_id,
                                  f.before.value_or(std::numeric_limits<std::int64_t>::max()), limit);
}

Result<std::map<std::string, std::int64_t>> SqliteSync::count_refused_operations(
    const RefusedOperationFilter& f) {
    using Count = std::pair<std::string, std::int64_t>;
    const std::string device = f.device_id ? "AND device_id = ?1 " : "AND ?1 IS NULL ";
    SPMIS_ASSIGN_OR_RETURN(auto rows, query<Count>(
                                          db_,
                                          "SELECT disposition, COUNT(*) FROM sync_operations WHERE " +
                                              kRefused + device + "GROUP BY disposition",
                                          [](Row& r) {
                                              std::string disposition = r.text();
                                              return Count{disposition, r.i64()};
                                          },
                                          f.device_id));
    return std::map<std::string, std::int64_t>(rows.begin(), rows.end());
}

Result<std::int64_t> SqliteSync::count_operations() {
    SPMIS_ASSIGN_OR_RETURN(auto n, query_one<std::int64_t>(db_, "SELECT COUNT(*) FROM sync_operations",
                                                           [](Row& r) { return r.i64(); }));
    return n.value_or(0);
}

Status SqliteSync::insert_enrollment_code(const std::string& code_hash,
                                          const std::vector<Uuid>& service_points, UtcTime expires_at,
                                          const std::string& created_by) {
    return run(db_,
               "INSERT INTO enrollment_codes (code_hash, service_point_ids, expires_at, created_by) VALUES "
               "(?, ?, ?, ?)",
               code_hash, join_ids(service_points), expires_at, created_by);
}

Result<std::vector<Uuid>> SqliteSync::consume_enrollment_code(const std::string& code_hash, UtcTime now) {
    struct Code {
        std::string sps;
        UtcTime expires_at;
        bool used;
    };
    SPMIS_ASSIGN_OR_RETURN(auto code, query_one<Code>(
                                          db_,
                                          "SELECT service_point_ids, expires_at, used_at IS NOT NULL "
                                          "FROM enrollment_codes WHERE code_hash = ?",
                                          [](Row& r) {
                                              Code c;
                                              c.sps = r.text();
                                              c.expires_at = r.time();
                                              c.used = r.boolean();
                                              return c;
                                          },
                                          code_hash));
    if (!code) return make_error(ErrorCode::kUnauthenticated, "enrollment code is not known");
    if (code->used) return make_error(ErrorCode::kUnauthenticated, "enrollment code was already used");
    if (code->expires_at < now) return make_error(ErrorCode::kUnauthenticated, "enrollment code has expired");
    SPMIS_RETURN_IF_ERROR(
        run(db_, "UPDATE enrollment_codes SET used_at = ? WHERE code_hash = ?", now, code_hash));
    return split_ids(code->sps);
}

Result<bool> SqliteSync::registrant_exists(const Uuid& registrant_id) {
    SPMIS_ASSIGN_OR_RETURN(auto hit, query_one<bool>(
                                         db_, "SELECT 1 FROM registrants WHERE id = ?",
                                         [](Row& r) { return r.boolean(); }, registrant_id));
    return hit.has_value();
}

Result<std::optional<Uuid>> SqliteSync::first_attendance(const Uuid& registrant_id, const Uuid& event_id) {
    return query_one<Uuid>(
        db_,
        "SELECT id FROM attendance WHERE registrant_id = ? AND event_id = ? AND duplicate_of IS NULL "
        "ORDER BY id LIMIT 1",
        [](Row& r) { return r.uuid(); }, registrant_id, event_id);
}

Status SqliteSync::insert_attendance(const model::Attendance& a, const std::optional<Uuid>& duplicate_of) {
    return run(
        db_,
        "INSERT INTO attendance (id, event_id, registrant_id, device_id, recorded_by, at, duplicate_of) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        a.id, a.event_id, a.registrant_id, a.device_id, a.recorded_by, a.at, duplicate_of);
}

Result<std::int64_t> SqliteSync::count_attendance(const Uuid& event_id) {
    SPMIS_ASSIGN_OR_RETURN(
        auto n, query_one<std::int64_t>(
                    db_, "SELECT COUNT(*) FROM attendance WHERE event_id = ? AND duplicate_of IS NULL",
                    [](Row& r) { return r.i64(); }, event_id));
    return n.value_or(0);
}

Result<std::int64_t> SqliteSync::redeemed_milli(const Uuid& entitlement_id) {
    static const std::string kSql = "SELECT " + redeemed_milli_of("?");
    SPMIS_ASSIGN_OR_RETURN(auto n, query_one<std::int64_t>(
                                       db_, kSql, [](Row& r) { return r.i64(); }, entitlement_id));
    return n.value_or(0);
}

Result<std::optional<RedemptionTarget>> SqliteSync::redemption_target(const Uuid& entitlement_id) {
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

Result<bool> SqliteSync::credential_redeemed(const std::string& credential_id) {
    // `credential_id <> ''` lets SQLite use the partial index of migration 8.
    SPMIS_ASSIGN_OR_RETURN(auto hit, query_one<bool>(
                                         db_,
                                         "SELECT 1 FROM redemptions WHERE credential_id = ? AND "
                                         "credential_id <> '' AND voided_by IS NULL LIMIT 1",
                                         [](Row& r) { return r.boolean(); }, credential_id));
    return hit.has_value();
}

Status SqliteSync::void_redemption(const Uuid& redemption_id, const std::string& voided_by) {
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

Result<std::vector<Uuid>> SqliteSync::service_points_of_registrant(const Uuid& registrant_id) {
    return query<Uuid>(
        db_,
        "SELECT DISTINCT service_point_id FROM entitlements WHERE service_point_id IS NOT NULL AND ("
        "registrant_id = ?1"
        " OR registrant_id IN (SELECT group_id FROM group_memberships WHERE individual_id = ?1)"
        " OR registrant_id IN (SELECT individual_id FROM group_memberships WHERE group_id = ?1))",
        [](Row& r) { return r.uuid(); }, registrant_id);
}

Result<std::optional<Uuid>> SqliteSync::redemption_device(const Uuid& redemption_id) {
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

Result<std::vector<Uuid>> SqliteSync::registrants_with_national_id(const std::string& national_id) {
    return query<Uuid>(
        db_, "SELECT id FROM registrants WHERE national_id = ? ORDER BY id", [](Row& r) { return r.uuid(); },
        national_id);
}

Result<std::int64_t> SqliteSync::field_version(const Uuid& registrant_id, const std::string& field) {
    SPMIS_ASSIGN_OR_RETURN(
        auto v,
        query_one<std::int64_t>(
            db_, "SELECT version FROM registrant_field_versions WHERE registrant_id = ? AND field = ?",
            [](Row& r) { return r.i64(); }, registrant_id, field));
    return v.value_or(0);
}

Status SqliteSync::bump_field_version(const Uuid& registrant_id, const std::string& field) {
    return run(db_,
               "INSERT INTO registrant_field_versions (registrant_id, field, version) VALUES (?, ?, 1) "
               "ON CONFLICT (registrant_id, field) DO UPDATE SET version = version + 1",
               registrant_id, field);
}

Result<std::optional<std::string>> SqliteSync::get_meta(const std::string& key) {
    return query_one<std::string>(
        db_, "SELECT value FROM server_meta WHERE key = ?", [](Row& r) { return r.text(); }, key);
}

Status SqliteSync::set_meta(const std::string& key, const std::string& value) {
    return run(db_,
               "INSERT INTO server_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = "
               "excluded.value",
               key, value);
}

}  // namespace spmis::store::sqlite

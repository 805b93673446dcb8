// The operation log, enrollment codes and server settings.

#include "repositories/sync_repo.hpp"

#include <limits>

namespace spmis::store::SPMIS_STORE_NS {
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
Result<std::int64_t> SqlOperationLog::next_seq() { return reserve_server_seqs(1); }

Result<std::int64_t> SqlOperationLog::reserve_server_seqs(std::int64_t count) {
    return reserve_operation_seqs(db_, count);
}

Result<std::optional<StoredOperation>> SqlOperationLog::last_operation(const Uuid& device_id) {
    return query_one<StoredOperation>(db_, kOpSelect + "WHERE device_id = ? ORDER BY device_seq DESC LIMIT 1",
                                      read_op, device_id);
}

Result<std::optional<StoredOperation>> SqlOperationLog::get_operation(const Uuid& device_id,
                                                                      std::uint64_t seq) {
    return query_one<StoredOperation>(db_, kOpSelect + "WHERE device_id = ? AND device_seq = ?", read_op,
                                      device_id, static_cast<std::int64_t>(seq));
}

Result<std::int64_t> SqlOperationLog::insert_operation(const StoredOperation& op) {
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

Result<std::vector<StoredOperation>> SqlOperationLog::list_operations(const Uuid& device_id,
                                                                      std::uint64_t after,
                                                                      std::size_t limit) {
    return query<StoredOperation>(
        db_, kOpSelect + "WHERE device_id = ? AND device_seq > ? ORDER BY device_seq LIMIT ?", read_op,
        device_id, static_cast<std::int64_t>(after), static_cast<std::int64_t>(limit));
}

Result<std::vector<StoredOperation>> SqlOperationLog::list_refused_operations(
    const RefusedOperationFilter& f) {
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

Result<std::map<std::string, std::int64_t>> SqlOperationLog::count_refused_operations(
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

Result<std::int64_t> SqlOperationLog::count_operations() {
    SPMIS_ASSIGN_OR_RETURN(auto n, query_one<std::int64_t>(db_, "SELECT COUNT(*) FROM sync_operations",
                                                           [](Row& r) { return r.i64(); }));
    return n.value_or(0);
}

Status SqlEnrollmentCodes::insert_enrollment_code(const std::string& code_hash,
                                                  const std::vector<Uuid>& service_points, UtcTime expires_at,
                                                  const std::string& created_by) {
    return run(db_,
               "INSERT INTO enrollment_codes (code_hash, service_point_ids, expires_at, created_by) VALUES "
               "(?, ?, ?, ?)",
               code_hash, join_ids(service_points), expires_at, created_by);
}

Result<std::vector<Uuid>> SqlEnrollmentCodes::consume_enrollment_code(const std::string& code_hash,
                                                                      UtcTime now) {
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

Result<std::optional<std::string>> SqlServerMeta::get_meta(const std::string& key) {
    return query_one<std::string>(
        db_, "SELECT value FROM server_meta WHERE key = ?", [](Row& r) { return r.text(); }, key);
}

Status SqlServerMeta::set_meta(const std::string& key, const std::string& value) {
    return run(db_,
               "INSERT INTO server_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = "
               "excluded.value",
               key, value);
}

}  // namespace spmis::store::SPMIS_STORE_NS

#include "sqlite/repositories.hpp"

namespace spmis::store::sqlite {
namespace {

const char* const kColumns = "SELECT id, actor, record_kind, record_id, action, before, after, reason, at ";

model::AuditEvent read_event(Row& r) {
    model::AuditEvent e;
    e.id = r.uuid();
    e.actor = r.text();
    e.record_kind = r.text();
    e.record_id = r.uuid();
    e.action = r.text();
    e.before = r.text();
    e.after = r.text();
    e.reason = r.text();
    e.at = r.time();
    return e;
}

}  // namespace

Result<std::vector<model::AuditEvent>> SqliteAudit::list_for_record(const Uuid& record_id) {
    return query<model::AuditEvent>(
        db_, std::string(kColumns) + "FROM audit_events WHERE record_id = ? ORDER BY seq", read_event,
        record_id);
}

Result<std::vector<model::AuditEvent>> SqliteAudit::search(const AuditQuery& q) {
    // Every filter is a bound parameter; an absent one is switched off inside the SQL.
    return query<model::AuditEvent>(
        db_,
        std::string(kColumns) +
            "FROM audit_events WHERE (?1 IS NULL OR record_id = ?1) AND (?2 = '' OR actor = ?2) "
            "AND (?3 IS NULL OR at >= ?3) AND (?4 IS NULL OR at < ?4) "
            "AND (?5 IS NULL OR seq > (SELECT seq FROM audit_events WHERE id = ?5)) ORDER BY seq LIMIT ?6",
        read_event, q.record_id, q.actor, q.since, q.until, q.after_id, static_cast<std::int64_t>(q.limit));
}

Result<std::int64_t> SqliteAudit::count() {
    SPMIS_ASSIGN_OR_RETURN(auto n, query_one<std::int64_t>(db_, "SELECT count(*) FROM audit_events",
                                                           [](Row& r) { return r.i64(); }));
    return n.value_or(0);
}

}  // namespace spmis::store::sqlite

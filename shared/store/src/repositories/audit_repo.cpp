#include "repositories/repositories.hpp"

namespace spmis::store::SPMIS_STORE_NS {
namespace {

const char* const kColumns = "SELECT id, actor, record_kind, record_id, action, before, after, reason, at ";

// The events `own` selects from audit_events, then the events of the sets ?1 was changed in
// (migration 14), shown as events about ?1 (a set's kind is its records' kind plus "s").
std::string events_and_sets(const char* own) {
    return std::string(R"sql(
SELECT seq, id, actor, record_kind, record_id, action, before, after, reason, at FROM audit_events WHERE )sql") +
           own + R"sql(
UNION ALL
SELECT e.seq, e.id, e.actor, substr(e.record_kind, 1, length(e.record_kind) - 1), l.record_id, e.action,
       e.before, e.after, e.reason, e.at
FROM audit_event_records l JOIN audit_events e ON e.seq = l.event_seq WHERE l.record_id = ?1)sql";
}

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

Result<std::vector<model::AuditEvent>> SqlAudit::list_for_record(const Uuid& record_id) {
    static const std::string kSql =
        std::string(kColumns) + "FROM (" + events_and_sets("record_id = ?1") + ") AS trail ORDER BY seq";
    return query<model::AuditEvent>(db_, kSql, read_event, record_id);
}

Result<std::vector<model::AuditEvent>> SqlAudit::search(const AuditQuery& q) {
    // Every filter is a bound parameter; an absent one is switched off inside the SQL.
    static const std::string kSql =
        std::string(kColumns) + "FROM (" + events_and_sets("?1 IS NULL OR record_id = ?1") +
        ") AS trail WHERE (?2 = '' OR actor = ?2) AND (?3 IS NULL OR at >= ?3) AND (?4 IS NULL OR at < ?4) "
        "AND (?5 IS NULL OR seq > (SELECT seq FROM audit_events WHERE id = ?5)) ORDER BY seq LIMIT ?6";
    return query<model::AuditEvent>(db_, kSql, read_event, q.record_id, q.actor, q.since, q.until, q.after_id,
                                    static_cast<std::int64_t>(q.limit));
}

Result<std::int64_t> SqlAudit::count() {
    SPMIS_ASSIGN_OR_RETURN(auto n, query_one<std::int64_t>(db_, "SELECT count(*) FROM audit_events",
                                                           [](Row& r) { return r.i64(); }));
    return n.value_or(0);
}

}  // namespace spmis::store::SPMIS_STORE_NS

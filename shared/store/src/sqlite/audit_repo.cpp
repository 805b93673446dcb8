#include "sqlite/repositories.hpp"

namespace spmis::store::sqlite {

Result<std::vector<model::AuditEvent>> SqliteAudit::list_for_record(const Uuid& record_id) {
    return query<model::AuditEvent>(
        db_,
        "SELECT id, actor, record_kind, record_id, action, before, after, reason, at "
        "FROM audit_events WHERE record_id = ? ORDER BY seq",
        [](Row& r) {
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
        },
        record_id);
}

Result<std::int64_t> SqliteAudit::count() {
    SPMIS_ASSIGN_OR_RETURN(auto n, query_one<std::int64_t>(db_, "SELECT count(*) FROM audit_events",
                                                           [](Row& r) { return r.i64(); }));
    return n.value_or(0);
}

}  // namespace spmis::store::sqlite

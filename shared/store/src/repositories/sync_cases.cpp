// The reconciliation queue: cases keyed so that replays and repeats find the existing case.

#include "repositories/sync_repo.hpp"

namespace spmis::store::SPMIS_STORE_NS {
namespace {

const std::string kCaseSelect =
    "SELECT id, type, key, status, summary, program_id, service_point_id, record_id, created_at, updated_at, "
    "decision, decided_by, reason, resolved_at FROM reconciliation_cases ";

std::optional<Uuid> optional_uuid(Row& r) {
    return r.optional<Uuid>([](Row& x) { return x.uuid(); });
}

ReconciliationCase read_case(Row& r) {
    ReconciliationCase c;
    c.id = r.uuid();
    c.type = r.text();
    c.key = r.text();
    c.status = r.text();
    c.summary = r.text();
    c.program_id = optional_uuid(r);
    c.service_point_id = optional_uuid(r);
    c.record_id = optional_uuid(r);
    c.created_at = r.time();
    c.updated_at = r.time();
    c.decision = r.text();
    c.decided_by = r.text();
    c.reason = r.text();
    c.resolved_at = r.optional<UtcTime>([](Row& x) { return x.time(); });
    return c;
}

CaseLink read_link(Row& r) {
    CaseLink l;
    l.record_id = r.uuid();
    l.device_id = optional_uuid(r);
    l.device_seq = r.optional<std::int64_t>([](Row& x) { return x.i64(); });
    return l;
}

}  // namespace

Result<Uuid> SqlCases::raise_case(const CaseSubject& subject, const CaseLink& link) {
    SPMIS_ASSIGN_OR_RETURN(auto existing, query_one<Uuid>(
                                              db_, "SELECT id FROM reconciliation_cases WHERE key = ?",
                                              [](Row& r) { return r.uuid(); }, subject.key));
    Uuid id = existing ? *existing : new_uuid_v7();
    if (existing) {
        // A new operation about a known conflict: the same case, reopened if staff had closed it.
        SPMIS_RETURN_IF_ERROR(
            run(db_, "UPDATE reconciliation_cases SET updated_at = ?, status = 'open' WHERE id = ?",
                db_.now(), id));
    } else {
        SPMIS_RETURN_IF_ERROR(
            run(db_,
                "INSERT INTO reconciliation_cases (id, type, key, status, summary, program_id, "
                "service_point_id, record_id, created_at, updated_at) "
                "VALUES (?, ?, ?, 'open', ?, ?, ?, ?, ?, ?)",
                id, subject.type, subject.key, subject.summary, subject.program_id, subject.service_point_id,
                subject.record_id, db_.now(), db_.now()));
        SPMIS_RETURN_IF_ERROR(db_.append_audit(db_.audit_event(
            "sync", "reconciliation_case", id, "raise", "{}", R"({"status":"open"})", subject.summary)));
    }
    SPMIS_RETURN_IF_ERROR(run(db_,
                              "INSERT INTO case_links (case_id, record_id, device_id, device_seq) "
                              "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                              id, link.record_id, link.device_id, link.device_seq));
    return id;
}

Status SqlCases::link_redemptions(const Uuid& case_id, const Uuid& entitlement_id) {
    // Once per redemption: the one being applied is linked already, before its operation is stored.
    return run(db_,
               "INSERT INTO case_links (case_id, record_id, device_id, device_seq) "
               "SELECT ?1, r.id, o.device_id, o.device_seq FROM redemptions r "
               "LEFT JOIN sync_operations o ON o.record_id = r.id AND o.op_type = 'redemption.record' "
               "WHERE r.entitlement_id = ?2 "
               "AND NOT EXISTS (SELECT 1 FROM case_links l WHERE l.case_id = ?1 AND l.record_id = r.id) "
               "ON CONFLICT DO NOTHING",
               case_id, entitlement_id);
}

Status SqlCases::link_beside_record(const CaseLink& link) {
    return run(
        db_,
        "INSERT INTO case_links (case_id, record_id, device_id, device_seq) "
        "SELECT DISTINCT case_id, ?1, ?2, ?3 FROM case_links WHERE record_id = ?1 ON CONFLICT DO NOTHING",
        link.record_id, link.device_id, link.device_seq);
}

Result<ReconciliationCase> SqlCases::get_case(const Uuid& id) {
    SPMIS_ASSIGN_OR_RETURN(ReconciliationCase c,
                           get_by_id<ReconciliationCase>(db_, kCaseSelect + "WHERE id = ?", read_case,
                                                         "reconciliation case", id));
    SPMIS_ASSIGN_OR_RETURN(c.links, query<CaseLink>(db_,
                                                    "SELECT record_id, device_id, device_seq FROM case_links "
                                                    "WHERE case_id = ? ORDER BY record_id, device_seq",
                                                    read_link, id));
    return c;
}

Result<std::vector<ReconciliationCase>> SqlCases::list_cases(const CaseFilter& f) {
    SPMIS_ASSIGN_OR_RETURN(
        auto cases, query<ReconciliationCase>(
                        db_,
                        kCaseSelect + "WHERE (?1 IS NULL OR type = ?1) AND (?2 IS NULL OR status = ?2) "
                                      "AND (?3 IS NULL OR program_id = ?3) "
                                      "AND (?4 IS NULL OR service_point_id = ?4) AND (?5 IS NULL OR id < ?5) "
                                      "ORDER BY id DESC LIMIT ?6",
                        read_case, f.type, f.status, f.program_id, f.service_point_id, f.before,
                        f.limit == 0 ? INT64_MAX : static_cast<std::int64_t>(f.limit)));
    for (auto& c : cases) {
        SPMIS_ASSIGN_OR_RETURN(c.links,
                               query<CaseLink>(db_,
                                               "SELECT record_id, device_id, device_seq FROM case_links "
                                               "WHERE case_id = ? ORDER BY record_id, device_seq",
                                               read_link, c.id));
    }
    return cases;
}

Result<std::map<std::string, std::int64_t>> SqlCases::count_cases_by_type(const CaseFilter& f) {
    using Count = std::pair<std::string, std::int64_t>;
    SPMIS_ASSIGN_OR_RETURN(auto rows,
                           query<Count>(
                               db_,
                               "SELECT type, COUNT(*) FROM reconciliation_cases "
                               "WHERE (?1 IS NULL OR status = ?1) AND (?2 IS NULL OR program_id = ?2) "
                               "AND (?3 IS NULL OR service_point_id = ?3) GROUP BY type",
                               [](Row& r) {
                                   std::string type = r.text();
                                   return Count{type, r.i64()};
                               },
                               f.status, f.program_id, f.service_point_id));
    return std::map<std::string, std::int64_t>(rows.begin(), rows.end());
}

Status SqlCases::resolve_case(const Uuid& id, const std::string& decision_json, const std::string& actor,
                              const std::string& reason) {
    SPMIS_ASSIGN_OR_RETURN(ReconciliationCase c, get_case(id));
    if (c.status != "open") {
        return make_error(ErrorCode::kFailedPrecondition,
                          "reconciliation case " + id.to_string() + " is already " + c.status);
    }
    SPMIS_RETURN_IF_ERROR(
        run(db_,
            "UPDATE reconciliation_cases SET status = 'resolved', decision = ?, decided_by = ?, "
            "reason = ?, resolved_at = ?, updated_at = ? WHERE id = ?",
            decision_json, actor, reason, db_.now(), db_.now(), id));
    // The change feed carries a case's status inside its entitlement's record: a new stamp sends it
    // to every device in scope, so a resolved case leaves the tablets' attention lists.
    SPMIS_RETURN_IF_ERROR(run(db_,
                              "UPDATE entitlements SET state = state WHERE id = "
                              "(SELECT record_id FROM reconciliation_cases WHERE id = ?)",
                              id));
    return db_.append_audit(db_.audit_event(actor, "reconciliation_case", id, "resolve",
                                            R"({"status":"open"})", decision_json, reason));
}

}  // namespace spmis::store::SPMIS_STORE_NS

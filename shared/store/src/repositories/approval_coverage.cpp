// The memberships an enrollment approval request covers (schema 10), their set-based enrollment
// when the request is approved, and the cancellation of a program's pending requests when it ends.

#include "repositories/approval_repo.hpp"
#include "repositories/repositories.hpp"
#include "spmis/model/record_json.hpp"

namespace spmis::store::SPMIS_STORE_NS {
namespace {

// Appends one audit event per id (the state change itself was one statement).
Status audit_each(Database& db, const std::vector<Uuid>& ids, const std::string& actor, const char* kind,
                  const char* action, const std::string& before, const std::string& after,
                  const std::string& reason) {
    for (const Uuid& id : ids)
        SPMIS_RETURN_IF_ERROR(
            db.append_audit(db.audit_event(actor, kind, id, action, before, after, reason)));
    return {};
}

}  // namespace

Status SqlApprovals::cover_memberships(const Uuid& request_id, const std::vector<Uuid>& membership_ids) {
    return db_.transaction([&]() -> Status {
        for (const Uuid& id : membership_ids) {
            SPMIS_RETURN_IF_ERROR(
                run(db_, "INSERT INTO approval_request_memberships (request_id, membership_id) VALUES (?,?)",
                    request_id, id));
        }
        return {};
    });
}

Result<std::map<model::MembershipState, std::size_t>> SqlApprovals::covered_counts(const Uuid& request_id) {
    using Count = std::pair<model::MembershipState, std::size_t>;
    SPMIS_ASSIGN_OR_RETURN(auto rows,
                           query<Count>(
                               db_,
                               "SELECT m.state, count(*) FROM approval_request_memberships c "
                               "JOIN program_memberships m ON m.id = c.membership_id WHERE c.request_id = ? "
                               "GROUP BY m.state",
                               [](Row& r) {
                                   Count c;
                                   c.first = enumeration<model::MembershipState>(r);
                                   c.second = static_cast<std::size_t>(r.i64());
                                   return c;
                               },
                               request_id));
    return std::map<model::MembershipState, std::size_t>(rows.begin(), rows.end());
}

Result<std::vector<model::ProgramMembership>> SqlApprovals::covered_page(const Uuid& request_id,
                                                                         const std::optional<Uuid>& after,
                                                                         std::size_t limit) {
    // The nil id sorts before every real one, so "after nil" is the first page.
    return query<model::ProgramMembership>(
        db_,
        "SELECT m.id, m.program_id, m.registrant_id, m.state, m.enrollment_date, m.exit_date, m.created_at, "
        "m.updated_at FROM approval_request_memberships c JOIN program_memberships m ON m.id = "
        "c.membership_id "
        "WHERE c.request_id = ?1 AND c.membership_id > ?2 ORDER BY c.membership_id LIMIT ?3",
        read_membership, request_id, after.value_or(Uuid{}), static_cast<std::int64_t>(limit));
}

Result<std::vector<Uuid>> SqlApprovals::pending_covered(const Uuid& program_id) {
    return query<Uuid>(
        db_,
        "SELECT c.membership_id FROM approval_requests r JOIN approval_request_memberships c "
        "ON c.request_id = r.id WHERE r.program_id = ? AND r.state = 'pending' "
        "AND r.action = 'enrollment' ORDER BY c.membership_id",
        [](Row& r) { return r.uuid(); }, program_id);
}

Result<std::size_t> SqlApprovals::enroll_covered(const Uuid& request_id, const std::string& actor,
                                                 const std::string& reason) {
    std::size_t moved = 0;
    SPMIS_RETURN_IF_ERROR(db_.transaction([&]() -> Status {
        // Only draft -> enrolled, the membership state machine's edge; anything else is skipped.
        SPMIS_ASSIGN_OR_RETURN(
            auto ids, query<Uuid>(
                          db_,
                          "UPDATE program_memberships SET state = 'enrolled', updated_at = ?2, "
                          "enrollment_date = coalesce(enrollment_date, ?3) WHERE state = 'draft' AND id "
                          "IN (SELECT membership_id FROM approval_request_memberships WHERE request_id "
                          "= ?1) RETURNING id",
                          [](Row& r) { return r.uuid(); }, request_id, db_.now(), date_of(db_.now())));
        moved = ids.size();
        return audit_each(db_, ids, actor, "program_membership", "transition", model::state_json("draft"),
                          model::state_json("enrolled"), reason);
    }));
    return moved;
}

Result<std::size_t> SqlApprovals::cancel_pending_requests_of_program(const Uuid& program_id,
                                                                     const std::string& actor,
                                                                     const std::string& reason) {
    Database& db = db_;
    std::size_t cancelled = 0;
    SPMIS_RETURN_IF_ERROR(db.transaction([&]() -> Status {
        SPMIS_ASSIGN_OR_RETURN(auto ids,
                               query<Uuid>(
                                   db,
                                   "UPDATE approval_requests SET state = 'cancelled', decided_at = ?2 "
                                   "WHERE program_id = ?1 AND state = 'pending' RETURNING id",
                                   [](Row& r) { return r.uuid(); }, program_id, db.now()));
        cancelled = ids.size();
        return audit_each(db, ids, actor, "approval_request", "cancel", "", "", reason);
    }));
    return cancelled;
}

}  // namespace spmis::store::SPMIS_STORE_NS

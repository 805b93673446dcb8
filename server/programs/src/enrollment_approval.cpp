#include "spmis/programs/enrollment_approval.hpp"

#include "spmis/base/clock.hpp"

namespace spmis::programs {
namespace {

// Appends an audit event on the approval request about what its outcome did to the memberships.
Status audit_outcome(store::Store& store, const model::ApprovalRequest& request, const std::string& actor,
                     const char* action, std::string reason) {
    model::AuditEvent e;
    e.id = new_uuid_v7();
    e.actor = actor;
    e.record_kind = "approval_request";
    e.record_id = request.id;
    e.action = action;
    e.reason = std::move(reason);
    e.at = store.clock().now();
    return store.audit().append(e);
}

Result<std::size_t> covered_total(store::Store& store, const Uuid& request_id) {
    SPMIS_ASSIGN_OR_RETURN(auto counts, store.approvals().covered_counts(request_id));
    std::size_t total = 0;
    for (const auto& [state, n] : counts) total += n;
    return total;
}

Status on_enrollment_approved(store::Store& store, const model::ApprovalRequest& request,
                              const std::string& actor) {
    SPMIS_ASSIGN_OR_RETURN(std::size_t total, covered_total(store, request.id));
    SPMIS_ASSIGN_OR_RETURN(
        std::size_t enrolled,
        store.approvals().enroll_covered(
            request.id, actor, "enrollment approval request " + request.id.to_string() + " approved"));
    return audit_outcome(store, request, actor, "enroll",
                         "enrolled " + std::to_string(enrolled) + " of " + std::to_string(total) +
                             " memberships; skipped " + std::to_string(total - enrolled) +
                             " no longer draft");
}

Status on_enrollment_rejected(store::Store& store, const model::ApprovalRequest& request,
                              const std::string& actor) {
    SPMIS_ASSIGN_OR_RETURN(std::size_t total, covered_total(store, request.id));
    return audit_outcome(store, request, actor, "enrollment_rejected",
                         std::to_string(total) + " memberships stay as they were (draft)");
}

}  // namespace

Result<EnrollmentGate> enrollment_gate(store::Store& store, const Uuid& program_id) {
    EnrollmentGate gate;
    SPMIS_ASSIGN_OR_RETURN(auto chain,
                           store.approvals().find_chain(program_id, model::ApprovalAction::kEnrollment));
    gate.chain = chain.has_value();
    if (!gate.chain) return gate;
    SPMIS_ASSIGN_OR_RETURN(auto awaiting, store.approvals().pending_covered(program_id));
    gate.awaiting.insert(awaiting.begin(), awaiting.end());
    return gate;
}

Result<model::ApprovalRequest> open_enrollment_request(store::Store& store, const Uuid& program_id,
                                                       const std::vector<Uuid>& memberships,
                                                       const std::string& requester, UtcTime now) {
    model::ApprovalRequest request;
    SPMIS_RETURN_IF_ERROR(store.transaction([&]() -> Status {
        // Each verify run is its own record, so runs never collide on "one pending request per record".
        approvals::Submission submission{program_id, model::ApprovalAction::kEnrollment,
                                         kEnrollmentRecordKind, new_uuid_v7(), requester};
        SPMIS_ASSIGN_OR_RETURN(request, approvals::open_request(store, submission, now));
        return store.approvals().cover_memberships(request.id, memberships);
    }));
    return request;
}

approvals::ActionHandler enrollment_handler() { return {on_enrollment_approved, on_enrollment_rejected}; }

}  // namespace spmis::programs

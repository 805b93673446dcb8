#pragma once
// Enrollment under an approval chain: when a program has an `enrollment` chain configured, verify
// does not enroll eligible drafts itself; it puts them in one approval request per run (the request
// records which memberships it covers) and they stay draft until the chain approves.

#include <string>
#include <vector>

#include "spmis/approvals/engine.hpp"
#include "spmis/programs/uuid_order.hpp"
#include "spmis/store/store.hpp"

namespace spmis::programs {

// The approval_requests.record_kind of an enrollment request (its record_id names the verify run).
inline constexpr const char* kEnrollmentRecordKind = "enrollment_run";

// What gates enrollment for one program.
struct EnrollmentGate {
    bool chain = false;  // an enrollment chain is configured
    UuidSet awaiting;    // memberships already covered by a pending enrollment request
};

// The gate of a program: whether it has an enrollment chain and what already awaits approval.
Result<EnrollmentGate> enrollment_gate(store::Store& store, const Uuid& program_id);

// Opens the enrollment request of one verify run covering `memberships` (draft, eligible),
// requested by `requester`, audited, in one transaction.
Result<model::ApprovalRequest> open_enrollment_request(store::Store& store, const Uuid& program_id,
                                                       const std::vector<Uuid>& memberships,
                                                       const std::string& requester, UtcTime now);

// The enrollment handler: approved -> the covered memberships still draft become enrolled (set
// based, audited; the others are skipped and counted in the request's audit event); rejected ->
// they stay draft, the outcome audited on the request.
approvals::ActionHandler enrollment_handler();

}  // namespace spmis::programs

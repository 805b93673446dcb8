#pragma once
// Enrollment: import eligible registrants as draft memberships, verify drafts against the rule,
// or both. Each operation is one store transaction unless options.batch_size asks for batches (the
// background jobs do, so that other writers get the database between batches); state changes go
// through the store's audited transitions and each created membership gets a "create" audit event.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "spmis/base/time.hpp"
#include "spmis/cel/batch.hpp"
#include "spmis/store/store.hpp"

namespace spmis::programs {

// Called after each batch of writes with the steps done and the total known so far (the total
// grows when a later phase of an operation learns its size).
using ProgressFn = std::function<void(std::size_t done, std::size_t total)>;
// Runs one batch: must call `commit_batch` (which opens and commits the store transaction) and
// return its status; lets a caller hold a lock of its own around each batch.
using BatchRunner = std::function<Status(const std::function<Status()>& commit_batch)>;

// How to run an enrollment operation.
struct EnrollmentOptions {
    Date reference{};               // ages are counted at this date
    std::string actor = "system";   // recorded in the audit events
    bool recheck_enrolled = false;  // verify also moves enrolled members who no longer match to not_eligible
    std::size_t batch_size = 0;     // 0: one transaction; else commit every batch_size writes (resumable:
                                    // a rerun after a failure skips what was already done)
    ProgressFn progress;            // optional
    BatchRunner run_batch;          // optional, only used when batch_size > 0
};

// Counts of one operation. Errors are rule evaluation errors (the registrant is left as it was).
struct EnrollmentReport {
    std::size_t evaluated = 0;        // registrants the rule ran over
    std::size_t matched = 0;          // of those, matching the rule
    std::size_t created = 0;          // new draft memberships
    std::size_t already_members = 0;  // matches that already had a membership (any state)
    std::size_t enrolled = 0;         // draft -> enrolled
    std::size_t not_eligible = 0;     // draft (or enrolled, when asked) -> not_eligible
    std::size_t errored = 0;
    std::vector<cel::RegistrantError> first_errors;
    // With an enrollment chain (see enrollment_approval.hpp): eligible drafts put in this run's
    // approval request, the request, and eligible drafts left alone because an earlier request
    // still awaits a decision on them.
    std::size_t awaiting_approval = 0;
    std::optional<Uuid> approval_request;
    std::size_t already_awaiting = 0;
};

// Creates draft memberships for registrants matching the eligibility rule, never duplicating an
// existing membership. kFailedPrecondition for an ended program; kRuleError when the rule does
// not compile.
Result<EnrollmentReport> import_eligible(store::Store& store, const Uuid& program_id,
                                         const EnrollmentOptions& options);

// Moves draft memberships to enrolled or not_eligible per the rule (and enrolled ones that no
// longer match to not_eligible when options.recheck_enrolled). When the program has an enrollment
// chain, eligible drafts stay draft and go into one approval request of the run instead.
Result<EnrollmentReport> verify(store::Store& store, const Uuid& program_id,
                                const EnrollmentOptions& options);

// import_eligible then verify, in one transaction; the report merges both.
Result<EnrollmentReport> enroll(store::Store& store, const Uuid& program_id,
                                const EnrollmentOptions& options);

// "matched 120, created 120, already members 0, enrolled 120, not eligible 0, errors 0".
std::string format_report(const EnrollmentReport& report);

}  // namespace spmis::programs

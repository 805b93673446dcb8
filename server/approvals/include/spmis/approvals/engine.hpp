#pragma once
// Approval requests: opened when a record is submitted, decided level by level, carried out by
// the owning component's handler when the last level approves (or undone when anyone rejects).
// Every function runs in one store transaction (nested in the caller's when there is one).

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "spmis/model/approval.hpp"
#include "spmis/store/store.hpp"

namespace spmis::approvals {

// What a final decision does to the record. `actor` is the user whose decision closed the request.
using RecordEffect = std::function<Status(store::Store& store, const model::ApprovalRequest& request,
                                          const std::string& actor)>;

// The effects of one action; a missing effect does nothing.
struct ActionHandler {
    RecordEffect on_approved;
    RecordEffect on_rejected;  // must return the record to its state before submission
};

// Handlers by action. An action with no handler only records its decisions.
using Handlers = std::map<model::ApprovalAction, ActionHandler>;

// What a new request is about.
struct Submission {
    Uuid program_id;
    model::ApprovalAction action = model::ApprovalAction::kCycleApproval;
    std::string record_kind;
    Uuid record_id;
    std::string requester;
};

// Opens a pending request with a snapshot of the effective levels, audited. kAlreadyExists when
// the record already has a pending request.
Result<model::ApprovalRequest> open_request(store::Store& store, const Submission& submission, UtcTime now);

// One approve or reject by `actor`. `on_behalf_of` names a delegator to act for ("" = pick:
// the actor when it qualifies, else the oldest active delegation whose delegator qualifies).
struct DecisionInput {
    std::string actor;
    model::ApprovalVerdict verdict = model::ApprovalVerdict::kApprove;
    std::string comment;
    std::string on_behalf_of;
    UtcTime now{};
};

// Records a decision at the request's current level and routes it: enough approvals move it to
// the next level, past the last one it is approved and handlers' on_approved runs; a reject ends
// it and on_rejected runs. Audited. Errors: kFailedPrecondition when the request is not pending;
// kPermissionDenied for the requester (also acting as a delegate) or a user who does not qualify
// at the level; kConflict when the actor or the principal already decided on this request.
Result<model::ApprovalRequest> decide(store::Store& store, const Handlers& handlers, const Uuid& request_id,
                                      const DecisionInput& input);

// Cancels the pending requests of a record (the record itself was cancelled), audited.
Status cancel_requests_for(store::Store& store, const Uuid& record_id, const std::string& actor, UtcTime now);

// The pending request of a record, or nullopt.
Result<std::optional<model::ApprovalRequest>> pending_request_for(store::Store& store, const Uuid& record_id);

// Pending requests `username` may decide on now (directly or for a delegator), oldest first.
Result<std::vector<model::ApprovalRequest>> actionable_requests(store::Store& store,
                                                                const std::string& username, UtcTime now);

}  // namespace spmis::approvals

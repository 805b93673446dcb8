#pragma once
// A cycle's way through approval: submit (draft -> to_approve with its entitlements pending and an
// approval request opened), the effects of the request's final decision, and cancellation.

#include <optional>
#include <string>

#include "spmis/approvals/engine.hpp"
#include "spmis/model/cycle.hpp"
#include "spmis/store/store.hpp"

namespace spmis::programs {

// Submits a draft cycle: cycle draft -> to_approve, draft entitlements -> pending_approval, and a
// cycle_approval request for the program's chain (or the default single level), all in one
// transaction. kIllegalTransition when the cycle is not a draft; kFailedPrecondition for an
// ended program.
Result<model::ApprovalRequest> submit_cycle(store::Store& store, const Uuid& cycle_id,
                                            const std::string& requester, UtcTime now);

// Cancels a cycle that has distributed nothing: the cycle, its draft, pending and approved
// entitlements, and its pending approval request. kIllegalTransition from distributed or ended.
Status cancel_cycle(store::Store& store, const Uuid& cycle_id, const std::string& actor,
                    const std::string& reason, UtcTime now);

// Once a cycle is approved: its pending_approval entitlements become approved, unless the program
// has an entitlement_approval chain; then they stay pending and an entitlement_approval request
// (requested by `requester`) is opened for the cycle and returned.
Result<std::optional<model::ApprovalRequest>> release_entitlements(store::Store& store, const Uuid& cycle_id,
                                                                   const std::string& requester,
                                                                   const std::string& actor,
                                                                   const std::string& reason, UtcTime now);

// The approval handlers of the program pipeline. cycle_approval: approved -> the cycle approved and
// its entitlements released (release_entitlements); rejected -> the cycle and its entitlements
// (through rejected) back to draft. entitlement_approval: approved -> the pending entitlements
// approved; rejected -> they go pending_approval -> rejected -> draft and the cycle approved ->
// draft, to be corrected and submitted again. enrollment: see enrollment_approval.hpp.
approvals::Handlers approval_handlers();

}  // namespace spmis::programs

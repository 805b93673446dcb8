#pragma once
// A cycle's way through approval: submit (draft -> to_approve with its entitlements pending and an
// approval request opened), the effects of the request's final decision, and cancellation.

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

// The approval handlers of the program pipeline: cycle_approval approves the cycle and its pending
// entitlements; a rejection returns the cycle to draft and its entitlements (through rejected) to
// draft.
approvals::Handlers approval_handlers();

}  // namespace spmis::programs

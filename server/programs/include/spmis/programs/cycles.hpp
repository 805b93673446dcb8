#pragma once
// Cycles of a program: creation (active programs only) and approval with their entitlements.

#include <optional>
#include <string>

#include "spmis/base/money.hpp"
#include "spmis/model/approval.hpp"
#include "spmis/model/cycle.hpp"
#include "spmis/store/store.hpp"

namespace spmis::programs {

// What a new cycle needs. budget_minor: in the program currency's minor units; nullopt (or 0)
// means no budget limit. In-kind programs have no money budget.
struct CycleRequest {
    std::string name;
    Date start{};
    Date end{};
    std::optional<std::int64_t> budget_minor;
    std::string actor = "system";
};

// Creates a draft cycle with the next sequence number. kFailedPrecondition for an ended program,
// kInvalidArgument for an empty name, end before start or a negative budget.
Result<model::Cycle> create_cycle(store::Store& store, const Uuid& program_id, const CycleRequest& request);

// What approve_cycle changed.
struct ApprovalReport {
    model::CycleState cycle_state = model::CycleState::kDraft;
    std::size_t approved = 0;  // entitlements moved to approved
    // Set when the program has an entitlement_approval chain: the entitlements stay
    // pending_approval under this request instead.
    std::optional<model::ApprovalRequest> entitlement_request;
};

// Approves a draft cycle and its draft entitlements (draft -> to_approve -> approved for the cycle,
// draft -> pending_approval -> approved for entitlements), in one transaction through the store's
// audited transitions. The cycle_approval chain is not applied here; an entitlement_approval chain
// is (the entitlements then stay pending under a new request by `actor`). kIllegalTransition when
// the cycle is not a draft.
Result<ApprovalReport> approve_cycle(store::Store& store, const Uuid& cycle_id, const std::string& actor);

}  // namespace spmis::programs

#pragma once
// Approval chains: per program and action, ordered levels of approvers; requests that walk the
// levels; every decision kept; delegations of a user's approvals for a date range.

#include <optional>
#include <string>
#include <vector>

#include "spmis/base/time.hpp"
#include "spmis/base/uuid.hpp"
#include "spmis/model/enum_names.hpp"
#include "spmis/model/user.hpp"

namespace spmis::model {

// What a chain approves: enrolling members, a cycle, its entitlements, releasing a payment.
enum class ApprovalAction { kEnrollment, kCycleApproval, kEntitlementApproval, kPaymentRelease };
// A request is pending until its last level approves, someone rejects, or its record is cancelled.
enum class ApprovalState { kPending, kApproved, kRejected, kCancelled };
// One approver's answer.
enum class ApprovalVerdict { kApprove, kReject };

template <>
struct EnumInfo<ApprovalAction> {
    static constexpr std::string_view kKind = "approval action";
    static constexpr std::array<std::string_view, 4> kNames{"enrollment", "cycle_approval",
                                                            "entitlement_approval", "payment_release"};
};
template <>
struct EnumInfo<ApprovalState> {
    static constexpr std::string_view kKind = "approval state";
    static constexpr std::array<std::string_view, 4> kNames{"pending", "approved", "rejected", "cancelled"};
};
template <>
struct EnumInfo<ApprovalVerdict> {
    static constexpr std::string_view kKind = "approval verdict";
    static constexpr std::array<std::string_view, 2> kNames{"approve", "reject"};
};

// One level of a chain: who may approve (a role, named users, or both) and how many approvals
// it needs. `permission` is set only on the built-in single level used when no chain is
// configured: any role with that permission qualifies.
struct ApprovalLevel {
    std::optional<Role> role;
    std::vector<std::string> users;
    std::string permission;
    int required = 1;

    bool operator==(const ApprovalLevel&) const = default;
};

// The configured chain of one program and action.
struct ApprovalChain {
    Uuid program_id;
    ApprovalAction action = ApprovalAction::kCycleApproval;
    std::vector<ApprovalLevel> levels;
    std::string updated_by;
    UtcTime updated_at{};

    bool operator==(const ApprovalChain&) const = default;
};

// A request to approve one record. `levels` is the chain as it was when the request was made, so
// a later change of the chain never reroutes a request under way.
struct ApprovalRequest {
    Uuid id;
    Uuid program_id;
    ApprovalAction action = ApprovalAction::kCycleApproval;
    std::string record_kind;  // "cycle", ...
    Uuid record_id;
    std::string requester;
    ApprovalState state = ApprovalState::kPending;
    int current_level = 0;  // index into levels while pending
    std::vector<ApprovalLevel> levels;
    UtcTime created_at{};
    std::optional<UtcTime> decided_at;

    bool operator==(const ApprovalRequest&) const = default;
};

// One approve or reject. `actor` clicked; `on_behalf_of` is whose approval it counts as (the
// actor itself, or the delegator when acting under a delegation).
struct ApprovalDecision {
    Uuid id;
    Uuid request_id;
    int level = 0;
    std::string actor;
    std::string on_behalf_of;
    ApprovalVerdict verdict = ApprovalVerdict::kApprove;
    std::string comment;
    UtcTime at{};

    bool operator==(const ApprovalDecision&) const = default;
};

// `delegate` may approve for `delegator` from `from` to `until` (both days included), unless it was
// ended earlier (`ended_at`, by `ended_by`): from then on it counts no more.
struct Delegation {
    Uuid id;
    std::string delegator;
    std::string delegate;
    Date from{};
    Date until{};
    std::string reason;
    UtcTime created_at{};
    std::optional<UtcTime> ended_at;
    std::string ended_by;

    bool operator==(const Delegation&) const = default;
};

}  // namespace spmis::model

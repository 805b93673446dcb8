#include "spmis/model/entitlement_machine.hpp"

namespace spmis::model {
namespace {

using S = EntitlementState;
constexpr Transition<S> kEdges[] = {
    {S::kDraft, S::kPendingApproval},     // submitted for approval
    {S::kDraft, S::kCancelled},           // cycle cancelled or beneficiary exited
    {S::kPendingApproval, S::kApproved},  // approved
    {S::kPendingApproval, S::kRejected},  // refused by an approver
    {S::kPendingApproval, S::kCancelled},
    {S::kRejected, S::kDraft},        // corrected and to be resubmitted
    {S::kApproved, S::kTransferred},  // cash: sent to the financial service provider
    {S::kApproved, S::kPaid},         // in-kind/voucher: fully redeemed at a service point
    {S::kApproved, S::kCancelled},    // withdrawn before anything was handed over
    {S::kApproved, S::kExpired},      // valid_until passed without (full) redemption
    {S::kTransferred, S::kPaid},      // provider confirmed payment
    {S::kTransferred, S::kApproved},  // provider reported failure: may go in a new batch
};
constexpr StateMachine<S> kMachine{"entitlement", kEdges};

}  // namespace

const StateMachine<EntitlementState>& entitlement_machine() { return kMachine; }

}  // namespace spmis::model

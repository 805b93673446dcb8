#include "spmis/model/cycle_machine.hpp"

namespace spmis::model {
namespace {

using S = CycleState;
constexpr Transition<S> kEdges[] = {
    {S::kDraft, S::kToApprove},       // submitted for approval
    {S::kToApprove, S::kApproved},    // approved
    {S::kToApprove, S::kDraft},       // sent back for corrections (approval refused)
    {S::kApproved, S::kDraft},        // its entitlements' own approval refused: corrected, resubmitted
    {S::kApproved, S::kDistributed},  // entitlements handed over / paid
    {S::kDistributed, S::kEnded},     // closed after reconciliation
    {S::kDraft, S::kCancelled},       // abandoned, or the program ended
    {S::kToApprove, S::kCancelled},
    {S::kApproved, S::kCancelled},  // nothing distributed yet, so still cancellable
};
constexpr StateMachine<S> kMachine{"cycle", kEdges};

}  // namespace

const StateMachine<CycleState>& cycle_machine() { return kMachine; }

}  // namespace spmis::model

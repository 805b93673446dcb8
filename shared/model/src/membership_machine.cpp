#include "spmis/model/membership_machine.hpp"

namespace spmis::model {
namespace {

using S = MembershipState;
constexpr Transition<S> kEdges[] = {
    {S::kDraft, S::kEnrolled},        // verified eligible and approved
    {S::kDraft, S::kNotEligible},     // failed the eligibility check
    {S::kDraft, S::kDuplicated},      // found to duplicate another membership
    {S::kEnrolled, S::kPaused},       // temporarily suspended
    {S::kEnrolled, S::kNotEligible},  // re-verified on request and no longer matches the rule
    {S::kPaused, S::kEnrolled},       // suspension lifted
    {S::kEnrolled, S::kExited},       // left the program
    {S::kPaused, S::kExited},         // left while suspended
    {S::kNotEligible, S::kDraft},     // circumstances changed: re-verify
    {S::kDuplicated, S::kDraft},      // duplicate flag cleared: re-verify
};
constexpr StateMachine<S> kMachine{"program_membership", kEdges};

}  // namespace

const StateMachine<MembershipState>& membership_machine() { return kMachine; }

}  // namespace spmis::model

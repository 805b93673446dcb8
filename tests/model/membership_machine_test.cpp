#include "spmis/model/membership_machine.hpp"

#include <gtest/gtest.h>

#include "machine_checks.hpp"

namespace spmis::model {
namespace {

using S = MembershipState;

TEST(MembershipMachineTest, AllowsExactlyTheDocumentedTransitions) {
    testing::expect_exactly_these_edges<S>(membership_machine(), {
                                                                     {S::kDraft, S::kEnrolled},
                                                                     {S::kDraft, S::kNotEligible},
                                                                     {S::kDraft, S::kDuplicated},
                                                                     {S::kEnrolled, S::kPaused},
                                                                     {S::kEnrolled, S::kNotEligible},
                                                                     {S::kPaused, S::kEnrolled},
                                                                     {S::kEnrolled, S::kExited},
                                                                     {S::kPaused, S::kExited},
                                                                     {S::kNotEligible, S::kDraft},
                                                                     {S::kDuplicated, S::kDraft},
                                                                 });
}

TEST(MembershipMachineTest, NamesRecordKind) {
    EXPECT_EQ(membership_machine().record_kind(), "program_membership");
}

}  // namespace
}  // namespace spmis::model

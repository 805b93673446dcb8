#include "spmis/model/entitlement_machine.hpp"

#include <gtest/gtest.h>

#include "machine_checks.hpp"

namespace spmis::model {
namespace {

using S = EntitlementState;

TEST(EntitlementMachineTest, AllowsExactlyTheDocumentedTransitions) {
    testing::expect_exactly_these_edges<S>(entitlement_machine(), {
                                                                      {S::kDraft, S::kPendingApproval},
                                                                      {S::kDraft, S::kCancelled},
                                                                      {S::kPendingApproval, S::kApproved},
                                                                      {S::kPendingApproval, S::kRejected},
                                                                      {S::kPendingApproval, S::kCancelled},
                                                                      {S::kRejected, S::kDraft},
                                                                      {S::kApproved, S::kTransferred},
                                                                      {S::kApproved, S::kPaid},
                                                                      {S::kApproved, S::kCancelled},
                                                                      {S::kApproved, S::kExpired},
                                                                      {S::kTransferred, S::kPaid},
                                                                      {S::kTransferred, S::kApproved},
                                                                  });
}

TEST(EntitlementMachineTest, NamesRecordKind) {
    EXPECT_EQ(entitlement_machine().record_kind(), "entitlement");
}

}  // namespace
}  // namespace spmis::model

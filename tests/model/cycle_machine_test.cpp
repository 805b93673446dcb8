#include "spmis/model/cycle_machine.hpp"

#include <gtest/gtest.h>

#include "machine_checks.hpp"

namespace spmis::model {
namespace {

using S = CycleState;

TEST(CycleMachineTest, AllowsExactlyTheDocumentedTransitions) {
    testing::expect_exactly_these_edges<S>(cycle_machine(), {
                                                                {S::kDraft, S::kToApprove},
                                                                {S::kToApprove, S::kApproved},
                                                                {S::kToApprove, S::kDraft},
                                                                {S::kApproved, S::kDraft},
                                                                {S::kApproved, S::kDistributed},
                                                                {S::kDistributed, S::kEnded},
                                                                {S::kDraft, S::kCancelled},
                                                                {S::kToApprove, S::kCancelled},
                                                                {S::kApproved, S::kCancelled},
                                                            });
}

TEST(CycleMachineTest, NamesRecordKind) { EXPECT_EQ(cycle_machine().record_kind(), "cycle"); }

}  // namespace
}  // namespace spmis::model

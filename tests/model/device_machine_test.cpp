#include "spmis/model/device_machine.hpp"

#include <gtest/gtest.h>

#include "machine_checks.hpp"

namespace spmis::model {
namespace {

using S = DeviceState;

TEST(DeviceMachineTest, AllowsExactlyTheDocumentedTransitions) {
    testing::expect_exactly_these_edges<S>(device_machine(), {
                                                                 {S::kActive, S::kRevoked},
                                                             });
}

TEST(DeviceMachineTest, NamesRecordKind) { EXPECT_EQ(device_machine().record_kind(), "device"); }

}  // namespace
}  // namespace spmis::model

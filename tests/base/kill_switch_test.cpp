#include "spmis/base/kill_switch.hpp"

#include <gtest/gtest.h>

namespace spmis {
namespace {

TEST(KillSwitchTest, FailsOnlyTheArmedStepByAnErrorOrAnException) {
    KillSwitch k;
    k.arm_step_fault(2, StepFault::kError);
    EXPECT_TRUE(k.before_step().ok());
    EXPECT_FALSE(k.step_fault_fired());
    const Status failed = k.before_step();
    EXPECT_EQ(failed.code(), ErrorCode::kStorage);
    EXPECT_EQ(failed.message(), "injected fault at statement step 2");
    EXPECT_TRUE(k.step_fault_fired());
    EXPECT_TRUE(k.before_step().ok());  // once: the connection goes on working
    EXPECT_EQ(k.steps(), 3);

    k.arm_step_fault(1, StepFault::kThrow);
    EXPECT_FALSE(k.step_fault_fired());
    EXPECT_THROW((void)k.before_step(), InjectedFault);
    EXPECT_TRUE(k.step_fault_fired());
    EXPECT_TRUE(k.allow_commit());  // a step fault is no crash: commits go on

    k.arm_step_fault(0, StepFault::kThrow);
    for (int i = 0; i < 5; ++i) EXPECT_TRUE(k.before_step().ok());
    EXPECT_FALSE(k.step_fault_fired());
}

}  // namespace
}  // namespace spmis

#include "spmis/auth/login_throttle.hpp"

#include <gtest/gtest.h>

namespace spmis::auth {
namespace {

using std::chrono::seconds;

TEST(LoginThrottleTest, LocksAfterFreeFailuresAndDoublesUpToTheCap) {
    LoginThrottle throttle(3, seconds(2), seconds(5), seconds(3600));
    const UtcTime t0 = from_unix_micros(1'000'000'000'000);
    throttle.record_failure("u", t0);
    throttle.record_failure("u", t0);
    EXPECT_FALSE(throttle.locked_for("u", t0));
    throttle.record_failure("u", t0);
    EXPECT_EQ(throttle.locked_for("u", t0), seconds(2));
    EXPECT_FALSE(throttle.locked_for("u", t0 + seconds(2)));
    throttle.record_failure("u", t0 + seconds(2));
    EXPECT_EQ(throttle.locked_for("u", t0 + seconds(2)), seconds(4));
    throttle.record_failure("u", t0 + seconds(6));
    EXPECT_EQ(throttle.locked_for("u", t0 + seconds(6)), seconds(5));
    EXPECT_FALSE(throttle.locked_for("other", t0));
}

TEST(LoginThrottleTest, SuccessForgetsFailures) {
    LoginThrottle throttle(2, seconds(1), seconds(60), seconds(3600));
    const UtcTime t0 = from_unix_micros(0);
    throttle.record_failure("u", t0);
    throttle.record_success("u");
    throttle.record_failure("u", t0);
    EXPECT_FALSE(throttle.locked_for("u", t0));
}

TEST(LoginThrottleTest, FailuresOutsideTheWindowAreForgotten) {
    LoginThrottle throttle(2, seconds(1), seconds(60), seconds(100));
    const UtcTime t0 = from_unix_micros(0);
    throttle.record_failure("u", t0);
    throttle.record_failure("u", t0 + seconds(101));
    EXPECT_FALSE(throttle.locked_for("u", t0 + seconds(101)));
    throttle.record_failure("u", t0 + seconds(150));
    EXPECT_EQ(throttle.locked_for("u", t0 + seconds(150)), seconds(1));
}

}  // namespace
}  // namespace spmis::auth

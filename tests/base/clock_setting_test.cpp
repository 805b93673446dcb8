#include "spmis/base/clock_setting.hpp"

#include <gtest/gtest.h>

namespace spmis {
namespace {

TEST(ClockSettingTest, ADateStartsThatMorningAndRunsForward) {
    auto clock = clock_from_setting("2028-02-29");
    ASSERT_TRUE(clock.ok()) << clock.status().to_string();
    const UtcTime first = (*clock)->now();
    EXPECT_EQ(format_date(date_of(first)), "2028-02-29");
    EXPECT_GE(first, *parse_time("2028-02-29T09:00:00Z"));
    EXPECT_LT(first, *parse_time("2028-02-29T09:01:00Z"));
    EXPECT_GE((*clock)->now(), first);
}

TEST(ClockSettingTest, ATimeStartsThere) {
    auto clock = clock_from_setting("2027-01-31T23:59:00Z");
    ASSERT_TRUE(clock.ok());
    EXPECT_EQ(format_date(date_of((*clock)->now())), "2027-01-31");
}

TEST(ClockSettingTest, SystemIsTheRealClock) {
    auto clock = clock_from_setting("system");
    ASSERT_TRUE(clock.ok());
    const auto gap = (*clock)->now() - SystemClock::instance().now();
    EXPECT_LT(std::chrono::abs(gap), std::chrono::seconds(5));
}

TEST(ClockSettingTest, AnOffsetMovesTheSystemClock) {
    auto clock = clock_from_setting("offset:86400");
    ASSERT_TRUE(clock.ok()) << clock.status().to_string();
    const auto ahead = (*clock)->now() - SystemClock::instance().now();
    EXPECT_GT(ahead, std::chrono::hours(23));
    EXPECT_LT(ahead, std::chrono::hours(25));
    auto back = clock_from_setting("offset:-3600");
    ASSERT_TRUE(back.ok());
    EXPECT_LT((*back)->now(), SystemClock::instance().now() - std::chrono::minutes(59));
}

TEST(ClockSettingTest, RefusesWhatIsNotAClock) {
    for (const char* bad :
         {"tomorrow", "2027-02-30", "2027-13-01", "+400d", "offset:", "offset:1d", "offset:x"}) {
        auto clock = clock_from_setting(bad);
        EXPECT_EQ(clock.status().code(), ErrorCode::kInvalidArgument) << bad;
    }
}

}  // namespace
}  // namespace spmis

#include "spmis/base/time.hpp"

#include <gtest/gtest.h>

namespace spmis {
namespace {

TEST(TimeTest, DateRoundTripAndRejections) {
    auto d = parse_date("2024-02-29");
    ASSERT_TRUE(d.ok());
    EXPECT_EQ(format_date(*d), "2024-02-29");
    EXPECT_FALSE(parse_date("2023-02-29").ok());
    EXPECT_FALSE(parse_date("2023-13-01").ok());
    EXPECT_FALSE(parse_date("2023-1-01").ok());
    EXPECT_FALSE(parse_date("01/02/2023").ok());
}

TEST(TimeTest, ParsesRfc3339WithOffsetsToUtc) {
    auto t = parse_time("2026-11-21T10:30:00+02:00");
    ASSERT_TRUE(t.ok());
    EXPECT_EQ(format_time(*t), "2026-11-21T08:30:00Z");
    auto f = parse_time("2026-11-21T08:30:00.25Z");
    ASSERT_TRUE(f.ok());
    EXPECT_EQ(format_time(*f), "2026-11-21T08:30:00.250000Z");
    EXPECT_FALSE(parse_time("2026-11-21T08:30:00").ok());
    EXPECT_FALSE(parse_time("2026-11-21 08:30").ok());
}

TEST(TimeTest, AgeCountsWholeYearsAndTheBirthdayItself) {
    auto birth = *parse_date("2021-11-21");
    EXPECT_EQ(age_in_years(birth, *parse_date("2026-11-20")), 4);
    EXPECT_EQ(age_in_years(birth, *parse_date("2026-11-21")), 5);
    EXPECT_EQ(age_in_years(*parse_date("2000-02-29"), *parse_date("2001-02-28")), 0);
    EXPECT_EQ(age_in_years(*parse_date("2000-02-29"), *parse_date("2001-03-01")), 1);
}

}  // namespace
}  // namespace spmis

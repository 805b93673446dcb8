#include "spmis/base/money.hpp"

#include <gtest/gtest.h>

#include <limits>

namespace spmis {
namespace {

TEST(MoneyTest, AddsSameCurrencyOnly) {
    auto sum = add({1250, "USD"}, {50, "USD"});
    ASSERT_TRUE(sum.ok());
    EXPECT_EQ(sum->minor_units, 1300);
    EXPECT_EQ(add({1, "USD"}, {1, "KES"}).status().code(), ErrorCode::kInvalidArgument);
}

TEST(MoneyTest, OverflowIsAnError) {
    auto max = std::numeric_limits<std::int64_t>::max();
    EXPECT_EQ(add({max, "USD"}, {1, "USD"}).status().code(), ErrorCode::kResourceExhausted);
}

TEST(MoneyTest, FormatsMinorUnits) {
    EXPECT_EQ(format_money({1250, "USD"}), "12.50 USD");
    EXPECT_EQ(format_money({-5, "USD"}), "-0.05 USD");
    EXPECT_TRUE(is_currency_code("KES"));
    EXPECT_FALSE(is_currency_code("kes"));
}

}  // namespace
}  // namespace spmis

// Batch eligibility over many households on several threads, and entitlement conversion.

#include <gtest/gtest.h>

#include "registrant_fixtures.hpp"
#include "spmis/cel/batch.hpp"
#include "spmis/cel/entitlement.hpp"
#include "spmis/cel/tuning.hpp"

namespace spmis::cel {
namespace {

std::vector<HouseholdRecord> registry(std::size_t n) {
    std::vector<HouseholdRecord> out;
    for (std::size_t i = 0; i < n; ++i) {
        HouseholdRecord h =
            i % 3 == 0 ? testing::family_with_young_children() : testing::child_turned_five_yesterday();
        std::array<std::uint8_t, 16> id{};
        for (int b = 0; b < 8; ++b) id[15 - b] = static_cast<std::uint8_t>(i >> (8 * b));
        h.id = Uuid(id);
        if (i % 1000 == 7) {
            h.custom.emplace_back("bonus", Value::string("oops"));  // makes the rule below fail
        }
        out.push_back(std::move(h));
    }
    return out;
}

TEST(BatchTest, CountsMatchesNonMatchesAndErrorsAcrossThreads) {
    auto households = registry(10'000);
    RegistrantBinder binder(testing::kReference);
    auto rule = Program::compile(
        "(has(group.bonus) ? group.bonus : 0) + group.members.filter(m, m.age < 5).size() > 0",
        group_rule_options());
    ASSERT_TRUE(rule.ok()) << rule.status().message();
    EligibilityResult one = evaluate_households(*rule, households, binder, 1);
    EligibilityResult two = evaluate_households(*rule, households, binder, 2);
    std::size_t errors = 10;  // i % 1000 == 7
    std::size_t expected_matching = 0;
    for (std::size_t i = 0; i < households.size(); ++i) {
        expected_matching += (i % 3 == 0 && i % 1000 != 7) ? 1 : 0;
    }
    EXPECT_EQ(two.matching.size(), expected_matching);
    EXPECT_EQ(two.errored, errors);
    EXPECT_EQ(two.not_matching, households.size() - expected_matching - errors);
    EXPECT_EQ(two.matching, one.matching) << "same ids in the same order whatever the thread count";
    ASSERT_EQ(two.first_errors.size(), tuning::kCelBatchMaxReportedErrors);
    EXPECT_EQ(two.first_errors[0].registrant, households[7].id);
    EXPECT_NE(two.first_errors[0].message.find("no such overload"), std::string::npos)
        << two.first_errors[0].message;
}

TEST(BatchTest, NonBoolResultIsCountedAsError) {
    auto households = registry(5);
    RegistrantBinder binder(testing::kReference);
    auto rule = Program::compile("group.size", group_rule_options());
    ASSERT_TRUE(rule.ok());
    EligibilityResult r = evaluate_households(*rule, households, binder, 2);
    EXPECT_EQ(r.errored, 5U);
    EXPECT_TRUE(r.matching.empty());
}

TEST(BatchTest, EvaluatesIndividualRules) {
    auto h = testing::family_with_young_children();
    RegistrantBinder binder(testing::kReference);
    auto rule = Program::compile("individual.age >= variables.retirement_age", individual_rule_options());
    ASSERT_TRUE(rule.ok());
    EligibilityResult r = evaluate_individuals(*rule, h.members, binder, 2);
    ASSERT_EQ(r.matching.size(), 1U);
    EXPECT_EQ(r.matching[0], h.members[3].id);
    EXPECT_EQ(r.not_matching, 3U);
}

TEST(EntitlementTest, ConvertsToMinorUnitsRoundingHalfAwayFromZero) {
    EXPECT_EQ(*to_fixed_point(Value::integer(55), 2), 5500);
    EXPECT_EQ(*to_fixed_point(Value::uinteger(7), 0), 7);
    EXPECT_EQ(*to_fixed_point(Value::dbl(2.345), 2), 235);
    EXPECT_EQ(*to_fixed_point(Value::dbl(2.344), 2), 234);
    EXPECT_EQ(*to_fixed_point(Value::dbl(0.5), 0), 1);
    EXPECT_EQ(*to_fixed_point(Value::dbl(12.5), 3), 12500);
    EXPECT_EQ(to_money(Value::dbl(10.005), "USD", 2)->minor_units, 1001);
    EXPECT_FALSE(to_fixed_point(Value::integer(-1), 2).ok());
    EXPECT_FALSE(to_fixed_point(Value::dbl(-0.01), 2).ok());
    EXPECT_FALSE(to_fixed_point(Value::string("5"), 2).ok());
    EXPECT_FALSE(to_fixed_point(Value::dbl(1e300), 2).ok());
    EXPECT_FALSE(to_fixed_point(Value::integer(INT64_MAX), 2).ok());
    EXPECT_FALSE(to_fixed_point(Value::error("divide by zero"), 2).ok());
}

TEST(EntitlementTest, EvaluatesTheFormulaPerHousehold) {
    std::vector<HouseholdRecord> hs = {testing::family_with_young_children(),
                                       testing::child_turned_five_yesterday()};
    RegistrantBinder binder(testing::kReference);
    auto rule = Program::compile(
        "30 + 10 * group.members.filter(m, m.age < 5).size() + 5 * group.members.filter(m, m.age >= "
        "60).size()",
        group_rule_options());
    ASSERT_TRUE(rule.ok());
    EntitlementBatch b = evaluate_entitlements(*rule, hs, binder, 2);
    ASSERT_EQ(b.amounts.size(), 2U);
    EXPECT_EQ(b.amounts[0].units, 5500);
    EXPECT_EQ(b.amounts[1].units, 3000);
    auto negative = Program::compile("group.size - 10", group_rule_options());
    ASSERT_TRUE(negative.ok());
    EntitlementBatch bad = evaluate_entitlements(*negative, hs, binder, 2);
    EXPECT_EQ(bad.errored, 2U);
    EXPECT_EQ(bad.first_errors[1].registrant, hs[1].id);
}

}  // namespace
}  // namespace spmis::cel

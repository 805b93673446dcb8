// Checks the personas' written-down expectations against a hand-written C++ reading of each demo
// rule (the CEL engine must agree with both), using the stored records.

#include <gtest/gtest.h>

#include <algorithm>

#include "../store/store_fixture.hpp"
#include "spmis/demo/demo_data.hpp"
#include "spmis/demo/personas.hpp"

namespace spmis::demo {
namespace {

struct Household {
    model::Registrant group;
    std::vector<int> ages;
};

double farm_hectares(const model::Registrant& g) {
    for (const auto& a : g.attributes) {
        if (a.name == "farm_hectares") return std::stod(a.value);
    }
    return 0;
}

double dependency_ratio(const std::vector<int>& ages) {
    double dependents = 0, working = 0;
    for (int a : ages) (a < 18 || a >= 60 ? dependents : working) += 1;
    return dependents / std::max(1.0, working);  // the CEL engine's definition
}

std::map<std::string, bool> evaluate(const Household& h) {
    auto any = [&](auto pred) { return std::any_of(h.ages.begin(), h.ages.end(), pred); };
    return {{"CHILD_GRANT", any([](int a) { return a < 5; })},
            {"EMERGENCY_RELIEF", dependency_ratio(h.ages) > 0.5 && *h.group.vulnerability_score > 3},
            {"CCT", *h.group.pmt_score < 25 && any([](int a) { return a >= 6 && a <= 17; })},
            {"FARMER_SUBSIDY", farm_hectares(h.group) > 0.0 && farm_hectares(h.group) <= 2.0},
            {"FOOD_BASKET", *h.group.vulnerability_score >= 3}};
}

TEST(PersonasTest, ExpectedEligibilityMatchesTheRulesOnTheReferenceDate) {
    store::testing::TempDir dir;
    auto store = store::open_store_in_directory(dir.path());
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE(generate_demo(**store, DemoOptions{0, 1, nullptr}).ok());
    int qualifying = 0, refused = 0;
    for (std::size_t i = 0; i < persona_households().size(); ++i) {
        const auto& p = persona_households()[i];
        Household h{*(*store)->registry().get_registrant(persona_id(i)), {}};
        for (std::size_t m = 0; m < p.members.size(); ++m) {
            auto person = *(*store)->registry().get_registrant(persona_id(i, m + 1));
            int age = age_in_years(*person.birthdate, kDemoReferenceDate);
            h.ages.push_back(age);
            EXPECT_EQ(age >= 65, p.members[m].pension_eligible) << p.members[m].external_id << " age " << age;
            (p.members[m].pension_eligible ? qualifying : refused) += 1;
        }
        EXPECT_EQ(evaluate(h), p.expected) << p.external_id;
        for (const auto& [program, eligible] : p.expected) (eligible ? qualifying : refused) += 1;
    }
    EXPECT_GT(qualifying, 5);
    EXPECT_GT(refused, 5);
}

TEST(PersonasTest, EdgeCasesSitExactlyOnTheBoundaries) {
    EXPECT_EQ(age_in_years(*parse_date("2021-10-31"), kDemoReferenceDate), 5);   // Yaw: not under 5
    EXPECT_EQ(age_in_years(*parse_date("1961-11-02"), kDemoReferenceDate), 64);  // Grace: one day short
    EXPECT_EQ(age_in_years(*parse_date("1961-11-01"), kDemoReferenceDate), 65);  // Moussa: birthday today
    EXPECT_EQ(format_date(kDemoReferenceDate), "2026-11-01");
}

}  // namespace
}  // namespace spmis::demo

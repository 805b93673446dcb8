// The example rules, the standard logic pack and the OpenSPP library on hand-built
// households.

#include <gtest/gtest.h>

#include "registrant_fixtures.hpp"
#include "spmis/cel/logic_pack.hpp"
#include "spmis/cel/registrant_binding.hpp"

namespace spmis::cel {
namespace {

using testing::family_with_young_children;
using testing::kReference;

Value on_group(const std::string& rule, const HouseholdRecord& h,
               const LogicPack* pack = &LogicPack::standard_household()) {
    RegistrantBinder binder(kReference);
    auto p = Program::compile(rule, group_rule_options(pack));
    EXPECT_TRUE(p.ok()) << p.status().message();
    if (!p.ok()) return Value::error("compile");
    Value b[] = {binder.group(h), binder.today()};
    return p->evaluate(b);
}

Value on_individual(const std::string& rule, const IndividualRecord& r,
                    const LogicPack* pack = &LogicPack::standard_household()) {
    RegistrantBinder binder(kReference);
    auto p = Program::compile(rule, individual_rule_options(pack));
    EXPECT_TRUE(p.ok()) << p.status().message();
    if (!p.ok()) return Value::error("compile");
    Value b[] = {binder.individual(r), binder.today()};
    return p->evaluate(b);
}

TEST(RegistrantBindingTest, ChildGrantMatchesOnlyChildrenUnderFive) {
    const std::string rule = "group.members.filter(m, m.age < 5).size() >= 1";
    EXPECT_TRUE(on_group(rule, family_with_young_children()).as_bool());
    EXPECT_FALSE(on_group(rule, testing::child_turned_five_yesterday()).as_bool());
}

TEST(RegistrantBindingTest, SocialPensionUsesRetirementAgeVariable) {
    auto born = [](int y, unsigned m, unsigned d) {
        return testing::person(9, testing::ymd(y, m, d), Sex::kFemale, MembershipKind::kHead);
    };
    const std::string rule = "individual.age >= variables.retirement_age";
    EXPECT_TRUE(on_individual(rule, born(1965, 6, 15)).as_bool()) << "60 today";
    EXPECT_FALSE(on_individual(rule, born(1965, 6, 16)).as_bool()) << "60 tomorrow";
    LogicPack program_vars;
    program_vars.define("retirement_age", "65");
    LogicPack pack = LogicPack::standard_household().with_overrides(program_vars);
    EXPECT_FALSE(on_individual(rule, born(1965, 6, 15), &pack).as_bool());
    EXPECT_TRUE(on_individual(rule, born(1960, 1, 1), &pack).as_bool());
}

TEST(RegistrantBindingTest, EmergencyReliefNeedsDependencyAndVulnerability) {
    const std::string rule = "group.dependency_ratio > 0.5 && group.vulnerability_score > 3";
    HouseholdRecord h = family_with_young_children();
    EXPECT_DOUBLE_EQ(on_group("group.dependency_ratio", h).as_double(), 3.0);
    EXPECT_TRUE(on_group(rule, h).as_bool());
    h.vulnerability_score = 3;
    EXPECT_FALSE(on_group(rule, h).as_bool());
    HouseholdRecord one_child = testing::child_turned_five_yesterday();
    EXPECT_TRUE(on_group(rule, one_child).as_bool()) << "ratio 1 / 1 and vulnerability 5";
    one_child.members.pop_back();
    EXPECT_FALSE(on_group(rule, one_child).as_bool()) << "ratio 0 / 1";
}

TEST(RegistrantBindingTest, EntitlementFormulaGivesFiftyFive) {
    const std::string rule =
        "30 + 10 * group.members.filter(m, m.age < 5).size() + 5 * group.members.filter(m, m.age >= "
        "60).size()";
    EXPECT_EQ(on_group(rule, family_with_young_children()).as_int(), 55);
    EXPECT_EQ(on_group(rule, testing::child_turned_five_yesterday()).as_int(), 30);
}

TEST(RegistrantBindingTest, StandardLogicPackComputesHouseholdVariables) {
    HouseholdRecord h = family_with_young_children();
    EXPECT_EQ(on_group("variables.hh_size", h).as_int(), 4);
    EXPECT_EQ(on_group("variables.child_count", h).as_int(), 2);
    EXPECT_EQ(on_group("variables.elderly_count", h).as_int(), 1);
    EXPECT_EQ(on_group("variables.working_age_count", h).as_int(), 1);
    EXPECT_DOUBLE_EQ(on_group("variables.dependency_ratio", h).as_double(), 3.0);
    EXPECT_TRUE(on_group("variables.is_female_headed", h).as_bool());
    EXPECT_FALSE(on_group("variables.is_elderly_headed", h).as_bool());
    EXPECT_FALSE(on_group("variables.has_disabled_member", h).as_bool());
    h.members[1].disability = true;
    EXPECT_TRUE(on_group("variables.has_disabled_member", h).as_bool());
    EXPECT_DOUBLE_EQ(on_group("variables.hh_total_income", h).as_double(), 150.0);
    EXPECT_DOUBLE_EQ(on_group("variables.per_capita_income", h).as_double(), 37.5);
    EXPECT_TRUE(on_group("variables.per_capita_income < variables.poverty_line", h).as_bool());
}

TEST(RegistrantBindingTest, VariableCycleIsACompileErrorNamingIt) {
    LogicPack pack;
    pack.define("a", "variables.b + 1");
    pack.define("b", "variables.c * 2");
    pack.define("c", "variables.a");
    auto p = Program::compile("variables.a > 1", group_rule_options(&pack));
    ASSERT_FALSE(p.ok());
    EXPECT_NE(p.status().message().find("a -> b -> c -> a"), std::string::npos) << p.status().message();
    auto unknown = Program::compile("variables.nope", group_rule_options(&pack));
    ASSERT_FALSE(unknown.ok());
    EXPECT_NE(unknown.status().message().find("variables.nope"), std::string::npos);
}

TEST(RegistrantBindingTest, OpenSppFunctionsWork) {
    HouseholdRecord h = family_with_young_children();
    EXPECT_TRUE(on_group("group.members.all(m, age_years(m.birthdate) == m.age)", h).as_bool());
    EXPECT_TRUE(on_group("years_ago(18) == timestamp('2007-06-15T00:00:00Z')", h).as_bool());
    EXPECT_TRUE(on_group("months_ago(4) == timestamp('2025-02-15T00:00:00Z')", h).as_bool());
    EXPECT_TRUE(on_group("days_ago(15) == timestamp('2025-05-31T00:00:00Z')", h).as_bool());
    EXPECT_TRUE(on_group("group.members.exists(m, m.birthdate > years_ago(5))", h).as_bool());
    EXPECT_EQ(on_group("group.members.count(m, between(m.age, 2, 4))", h).as_int(), 2);
    EXPECT_TRUE(on_group("head(group.members).sex == 'female'", h).as_bool());
    EXPECT_EQ(on_group("group.members.count(m, has_role(m, 'child'))", h).as_int(), 2);
    EXPECT_TRUE(on_group("has_tag('flood_zone') && !has_tag('drought')", h).as_bool());
    EXPECT_TRUE(on_group("in_area_tree('KE') && in_area_tree('KE-NBO') && !in_area_tree('UG')", h).as_bool());
    EXPECT_DOUBLE_EQ(on_group("group.members.sum(m, m.income)", h).as_double(), 150.0);
    EXPECT_DOUBLE_EQ(on_group("group.members.avg(m, m.age)", h).as_double(), (35 + 2 + 4 + 70) / 4.0);
    EXPECT_EQ(on_group("group.members.min(m, m.age)", h).as_int(), 2);
    EXPECT_EQ(on_group("group.members.max(m, m.age)", h).as_int(), 70);
    EXPECT_EQ(on_group("max(1, 7, 3)", h).as_int(), 7);
    EXPECT_EQ(on_group("[4, 2, 9].min()", h).as_int(), 2);
}

TEST(RegistrantBindingTest, ExposesDocumentedFieldsAndCustomAttributes) {
    HouseholdRecord h = family_with_young_children();
    EXPECT_EQ(on_group("group.size", h).as_int(), 4);
    EXPECT_DOUBLE_EQ(on_group("group.pmt_score", h).as_double(), 12.5);
    EXPECT_EQ(on_group("group.area", h).as_string(), "KE-NBO-01");
    EXPECT_EQ(on_group("group.water_source", h).as_string(), "borehole");
    EXPECT_TRUE(on_group("has(group.water_source) && !has(group.land_size)", h).as_bool());
    EXPECT_TRUE(on_group("group.land_size", h).is_error());
    EXPECT_EQ(on_group("group.id", h).as_string(), h.id.to_string());
    EXPECT_TRUE(on_group("group.members[0].role == 'head' && group.members[1].sex == 'male'", h).as_bool());
    EXPECT_TRUE(on_group("today == timestamp('2025-06-15T00:00:00Z')", h).as_bool());
    EXPECT_TRUE(on_group("group.members[3].birthdate == timestamp('1955-01-01T00:00:00Z')", h).as_bool());
    EXPECT_EQ(on_group("type(group.members)", h).as_string(), "list");
}

TEST(RegistrantBindingTest, OptionalFieldReadsAttributeSomeHouseholdsLack) {
    // Land size is recorded for some households only: the rule reads it with `.?` and a default
    // instead of failing on the households that lack it.
    const std::string rule =
        "group.?land_size.orValue(0.0) < 2.0 && "
        "group.members.exists(m, m.?school_enrolled.orValue(false) == false && m.age < 18)";
    HouseholdRecord without = family_with_young_children();
    EXPECT_TRUE(on_group(rule, without).as_bool());
    HouseholdRecord with = family_with_young_children();
    with.custom.push_back({"land_size", Value::dbl(5.0)});
    EXPECT_FALSE(on_group(rule, with).as_bool());
    EXPECT_FALSE(on_group("group.?land_size.hasValue()", without).as_bool());
    EXPECT_EQ(on_group("group.?water_source.value()", without).as_string(), "borehole");
    EXPECT_TRUE(on_group("group.?land_size.value()", without).is_error());
}

TEST(RegistrantBindingTest, ExtensionsWorkOverNativeMemberLists) {
    HouseholdRecord h = family_with_young_children();
    EXPECT_TRUE(on_group("group.members.exists(i, m, i == 0 && m.role == 'head')", h).as_bool());
    EXPECT_EQ(on_group("group.members.transformList(i, m, m.age < 18, i).size()", h).as_int(), 2);
    EXPECT_EQ(on_group("cel.bind(young, group.members.filter(m, m.age < 5), young.size())", h).as_int(),
              on_group("group.members.filter(m, m.age < 5).size()", h).as_int());
    EXPECT_EQ(on_group("math.greatest(group.members.map(m, m.age))", h).as_int(),
              on_group("group.members.max(m, m.age)", h).as_int());
    EXPECT_EQ(on_group("'%d members'.format([group.size])", h).as_string(), "4 members");
}

}  // namespace
}  // namespace spmis::cel

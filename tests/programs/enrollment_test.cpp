// Enrollment on the demo data: the personas' expected outcomes, idempotence, compile errors.

#include "spmis/programs/enrollment.hpp"

#include <map>

#include "demo_fixture.hpp"

namespace spmis::programs {
namespace {

using testing::DemoStoreTest;

EnrollmentOptions at_reference() {
    EnrollmentOptions o;
    o.reference = demo::kDemoReferenceDate;
    o.actor = "tester";
    return o;
}

class EnrollmentTest : public DemoStoreTest {
protected:
    std::map<Uuid, model::MembershipState> states(const model::Program& p) {
        std::map<Uuid, model::MembershipState> out;
        auto ms = store_->programs().list_memberships(p.id);
        EXPECT_TRUE(ms.ok());
        for (const auto& m : *ms) out[m.registrant_id] = m.state;
        return out;
    }

    void expect_personas(const std::string& code) {
        auto p = program(code);
        auto report = enroll(*store_, p.id, at_reference());
        ASSERT_TRUE(report.ok()) << report.status().to_string();
        EXPECT_EQ(report->errored, 0u);
        EXPECT_EQ(report->created, report->matched);
        EXPECT_EQ(report->enrolled, report->matched);
        auto by_registrant = states(p);
        for (std::size_t i = 0; i < demo::persona_households().size(); ++i) {
            const auto& persona = demo::persona_households()[i];
            auto it = by_registrant.find(demo::persona_id(i));
            const bool enrolled =
                it != by_registrant.end() && it->second == model::MembershipState::kEnrolled;
            EXPECT_EQ(enrolled, persona.expected.at(code)) << code << " " << persona.external_id;
        }
    }
};

TEST_F(EnrollmentTest, FoodBasketEnrollsThePersonasExpected) { expect_personas("FOOD_BASKET"); }

TEST_F(EnrollmentTest, ChildGrantEnrollsThePersonasExpected) { expect_personas("CHILD_GRANT"); }

TEST_F(EnrollmentTest, EmergencyReliefUsesTheEnginesDependencyRatio) { expect_personas("EMERGENCY_RELIEF"); }

TEST_F(EnrollmentTest, PensionEnrollsIndividualsAtTheReferenceDate) {
    auto p = program("ELDERLY_PENSION");
    ASSERT_TRUE(enroll(*store_, p.id, at_reference()).ok());
    auto by_registrant = states(p);
    for (std::size_t i = 0; i < demo::persona_households().size(); ++i) {
        const auto& members = demo::persona_households()[i].members;
        for (std::size_t m = 0; m < members.size(); ++m) {
            const bool enrolled = by_registrant.count(demo::persona_id(i, m + 1)) != 0;
            EXPECT_EQ(enrolled, members[m].pension_eligible) << members[m].external_id;
        }
    }
}

TEST_F(EnrollmentTest, RerunningEnrollCreatesNothingNew) {
    auto p = program("FOOD_BASKET");
    auto first = enroll(*store_, p.id, at_reference());
    ASSERT_TRUE(first.ok());
    ASSERT_GT(first->created, 0u);
    auto memberships_before = store_->programs().list_memberships(p.id)->size();
    auto audit_before = *store_->audit().count();
    auto again = enroll(*store_, p.id, at_reference());
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->created, 0u);
    EXPECT_EQ(again->already_members, first->matched);
    EXPECT_EQ(again->enrolled, 0u);
    EXPECT_EQ(store_->programs().list_memberships(p.id)->size(), memberships_before);
    EXPECT_EQ(*store_->audit().count(), audit_before);
}

TEST_F(EnrollmentTest, ImportCreatesDraftsAndVerifyDecides) {
    auto p = program("CHILD_GRANT");
    auto imported = import_eligible(*store_, p.id, at_reference());
    ASSERT_TRUE(imported.ok());
    for (const auto& [id, state] : states(p)) EXPECT_EQ(state, model::MembershipState::kDraft);
    // Verifying at a later date: some children have turned 5 meanwhile and drop out.
    auto later = at_reference();
    later.reference = Date{std::chrono::year{2029}, std::chrono::month{1}, std::chrono::day{1}};
    auto verified = verify(*store_, p.id, later);
    ASSERT_TRUE(verified.ok());
    EXPECT_EQ(verified->enrolled + verified->not_eligible, imported->created);
    EXPECT_GT(verified->not_eligible, 0u);
    // Enrolled members are rechecked only when asked.
    auto much_later = at_reference();
    much_later.reference = Date{std::chrono::year{2036}, std::chrono::month{1}, std::chrono::day{1}};
    EXPECT_EQ(verify(*store_, p.id, much_later)->not_eligible, 0u);
    much_later.recheck_enrolled = true;
    EXPECT_EQ(verify(*store_, p.id, much_later)->not_eligible, verified->enrolled);
}

TEST_F(EnrollmentTest, TransitionsAreAudited) {
    auto p = program("FOOD_BASKET");
    ASSERT_TRUE(enroll(*store_, p.id, at_reference()).ok());
    auto ms = store_->programs().list_memberships(p.id);
    ASSERT_FALSE(ms->empty());
    auto events = store_->audit().list_for_record(ms->front().id);
    ASSERT_TRUE(events.ok());
    ASSERT_EQ(events->size(), 2u);  // create, then draft -> enrolled
    EXPECT_EQ(events->at(0).action, "create");
    EXPECT_EQ(events->at(1).actor, "tester");
}

TEST_F(EnrollmentTest, ARuleThatDoesNotCompileIsReportedWithItsPosition) {
    auto p = program("CCT");
    p.id = new_uuid_v7();
    p.code = "BROKEN";
    p.eligibility_cel = "group.members.exists(m, m.age <)";
    ASSERT_TRUE(store_->programs().insert_program(p).ok());
    auto r = enroll(*store_, p.id, at_reference());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), ErrorCode::kRuleError);
    EXPECT_NE(r.status().message().find("BROKEN"), std::string::npos) << r.status().message();
    EXPECT_NE(r.status().message().find(":1:"), std::string::npos) << r.status().message();
    EXPECT_TRUE(store_->programs().list_memberships(p.id)->empty());
}

TEST_F(EnrollmentTest, AnEndedProgramRefusesEnrollment) {
    auto p = program("FARMER_SUBSIDY");
    ASSERT_TRUE(
        store_->programs().transition_program(p.id, model::ProgramState::kEnded, "tester", "done").ok());
    EXPECT_EQ(enroll(*store_, p.id, at_reference()).status().code(), ErrorCode::kFailedPrecondition);
}

}  // namespace
}  // namespace spmis::programs

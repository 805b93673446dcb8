// Cycles and entitlement generation on the demo data: amounts, idempotence, budget, service points.

#include "spmis/programs/entitlements.hpp"

#include "demo_fixture.hpp"
#include "spmis/cel/registrant_binding.hpp"
#include "spmis/programs/cycles.hpp"
#include "spmis/programs/enrollment.hpp"
#include "spmis/programs/program_lifecycle.hpp"
#include "spmis/programs/program_rules.hpp"
#include "spmis/programs/uuid_order.hpp"

namespace spmis::programs {
namespace {

using testing::DemoStoreTest;

Date day(int y, unsigned m, unsigned d) {
    return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

class EntitlementsTest : public DemoStoreTest {
protected:
    // Enrolls `code` at the demo reference date and creates a November cycle.
    model::Cycle enrolled_cycle(const std::string& code, std::optional<std::int64_t> budget = std::nullopt) {
        auto p = program(code);
        EnrollmentOptions o;
        o.reference = demo::kDemoReferenceDate;
        auto r = enroll(*store_, p.id, o);
        EXPECT_TRUE(r.ok()) << r.status().to_string();
        auto c =
            create_cycle(*store_, p.id, {"November", day(2026, 11, 1), day(2026, 11, 30), budget, "tester"});
        EXPECT_TRUE(c.ok()) << c.status().to_string();
        return c.ok() ? *c : model::Cycle{};
    }

    std::vector<model::Entitlement> entitlements(const model::Cycle& c) {
        return *store_->delivery().list_entitlements(c.id);
    }
};

TEST(ChildGrantFormulaTest, GivesFiftyFiveForTwoChildrenUnderFiveAndOneElder) {
    model::Program p;
    p.code = "CHILD_GRANT";
    p.rule = {model::AmountRuleKind::kCel, 0,
              "30 + 10 * group.members.filter(m, m.age < 5).size() + 5 * group.members.filter(m, m.age >= "
              "60).size()"};
    auto rule = compile_entitlement(p);
    ASSERT_TRUE(rule.ok()) << rule.status().to_string();
    cel::HouseholdRecord h;
    for (const char* born : {"2024-01-01", "2023-06-30", "1950-03-03", "1990-01-01"}) {
        cel::IndividualRecord m;
        m.id = new_uuid_v7();
        m.birthdate = *parse_date(born);
        h.members.push_back(m);
    }
    cel::RegistrantBinder binder(day(2026, 11, 1));
    auto cents = evaluate_amount(*rule, binder, &h, nullptr, 2);
    ASSERT_TRUE(cents.ok()) << cents.status().to_string();
    EXPECT_EQ(*cents, 5500);
}

TEST_F(EntitlementsTest, ChildGrantAmountsFollowTheFormulaAndCycleDates) {
    auto cycle = enrolled_cycle("CHILD_GRANT");
    auto report = generate_entitlements(*store_, cycle.id);
    ASSERT_TRUE(report.ok()) << report.status().to_string();
    EXPECT_EQ(report->errored, 0u);
    EXPECT_GT(report->created, 0u);
    EXPECT_EQ(report->created, report->beneficiaries);
    std::int64_t total = 0;
    bool saw_diallo = false;
    for (const auto& e : entitlements(cycle)) {
        total += e.amount.minor_units;
        EXPECT_EQ(e.state, model::EntitlementState::kDraft);
        EXPECT_EQ(e.valid_from, cycle.start_date);
        EXPECT_EQ(e.valid_until, cycle.end_date);
        EXPECT_GE(e.amount.minor_units, 4000);  // at least one child under 5
        if (e.registrant_id == demo::persona_id(0)) {
            EXPECT_EQ(e.amount, (Money{4000, "USD"}));  // Diallo: 30 + 10 * one toddler
            saw_diallo = true;
        }
    }
    EXPECT_TRUE(saw_diallo);
    EXPECT_EQ(report->total.minor_units, total);
}

// The demo data holds the worked example: the Phiri household (persona H07) gets 55 USD.
TEST_F(EntitlementsTest, ThePhiriPersonaShowsTheChildGrantWorkedExample) {
    const auto cycle = enrolled_cycle("CHILD_GRANT");
    ASSERT_TRUE(generate_entitlements(*store_, cycle.id).ok());
    bool found = false;
    for (const auto& e : entitlements(cycle)) {
        if (e.registrant_id != demo::persona_id(6)) continue;
        found = true;
        EXPECT_EQ(e.amount.minor_units, 5500);
    }
    EXPECT_TRUE(found) << "PERSONA-H07 has no child grant entitlement";
}

TEST_F(EntitlementsTest, GenerationIsIdempotent) {
    auto cycle = enrolled_cycle("CHILD_GRANT");
    auto first = generate_entitlements(*store_, cycle.id);
    ASSERT_TRUE(first.ok());
    auto again = generate_entitlements(*store_, cycle.id);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->created, 0u);
    EXPECT_EQ(again->already_entitled, first->created);
    EXPECT_EQ(entitlements(cycle).size(), first->created);
    EXPECT_EQ(again->total, first->total);
}

TEST_F(EntitlementsTest, OverBudgetWritesNothingUnlessScalingIsAsked) {
    auto cycle = enrolled_cycle("EMERGENCY_RELIEF", 10'000);  // 100.00 USD: far too little
    auto report = generate_entitlements(*store_, cycle.id);
    ASSERT_TRUE(report.ok());
    EXPECT_TRUE(report->over_budget);
    EXPECT_EQ(report->created, 0u);
    EXPECT_GT(report->total.minor_units, 10'000);
    EXPECT_NE(format_report(*report).find("exceeds the cycle budget 100.00 USD"), std::string::npos)
        << format_report(*report);
    EXPECT_TRUE(entitlements(cycle).empty());

    GenerateOptions scale;
    scale.scale_to_budget = true;
    auto scaled = generate_entitlements(*store_, cycle.id, scale);
    ASSERT_TRUE(scaled.ok());
    EXPECT_TRUE(scaled->scaled);
    EXPECT_EQ(scaled->created, report->beneficiaries);
    EXPECT_LE(scaled->total.minor_units, 10'000);
    std::int64_t total = 0;
    for (const auto& e : entitlements(cycle)) total += e.amount.minor_units;
    EXPECT_EQ(total, scaled->total.minor_units);
    auto events = store_->audit().list_for_record(cycle.id);
    ASSERT_TRUE(events.ok());
    EXPECT_NE(events->back().reason.find("scaled proportionally"), std::string::npos)
        << events->back().reason;
}

TEST_F(EntitlementsTest, InKindEntitlementsGetItemQuantityAndAServicePoint) {
    auto cycle = enrolled_cycle("FOOD_BASKET");
    auto report = generate_entitlements(*store_, cycle.id);
    ASSERT_TRUE(report.ok()) << report.status().to_string();
    ASSERT_GT(report->created, 0u);
    EXPECT_EQ(report->without_service_point, 0u);
    auto sites = *store_->service_points().list_service_points();
    for (const auto& e : entitlements(cycle)) {
        EXPECT_EQ(e.kind, model::EntitlementKind::kInKind);
        EXPECT_EQ(e.unit, "basket");
        EXPECT_TRUE(e.quantity == 1.0 || e.quantity == 2.0) << e.quantity;
        ASSERT_TRUE(e.service_point_id.has_value());
        auto household = *store_->registry().get_registrant(e.registrant_id);
        auto site = *store_->service_points().get_service_point(*e.service_point_id);
        // Same district, or else a site in the same region.
        auto home = *store_->registry().get_area(*household.area_id);
        auto site_area = *store_->registry().get_area(*site.area_id);
        EXPECT_TRUE(home.id == site_area.id || home.parent_id == site_area.parent_id)
            << home.code << " " << site_area.code;
    }
    // Persona households live in DL-1-1, which has its own site.
    for (const auto& e : entitlements(cycle)) {
        if (e.registrant_id != demo::persona_id(0)) continue;
        EXPECT_EQ(store_->service_points().get_service_point(*e.service_point_id)->code, "SP-DL-1-1");
    }
}

TEST_F(EntitlementsTest, ApproveMovesTheCycleAndItsEntitlements) {
    auto cycle = enrolled_cycle("FOOD_BASKET");
    ASSERT_TRUE(generate_entitlements(*store_, cycle.id).ok());
    auto approved = approve_cycle(*store_, cycle.id, "manager");
    ASSERT_TRUE(approved.ok()) << approved.status().to_string();
    EXPECT_EQ(approved->approved, entitlements(cycle).size());
    EXPECT_EQ(store_->programs().get_cycle(cycle.id)->state, model::CycleState::kApproved);
    for (const auto& e : entitlements(cycle)) {
        EXPECT_EQ(e.state, model::EntitlementState::kApproved);
        auto events = *store_->audit().list_for_record(e.id);  // draft -> pending_approval -> approved
        ASSERT_EQ(events.size(), 2u);
        EXPECT_EQ(events[0].reason, "submitted");
        EXPECT_EQ(events[1].after, R"({"state":"approved"})");
    }
    EXPECT_EQ(approve_cycle(*store_, cycle.id, "manager").status().code(), ErrorCode::kIllegalTransition);
    EXPECT_EQ(generate_entitlements(*store_, cycle.id).status().code(), ErrorCode::kFailedPrecondition);
}

// The rule of ending a program lives in programs::move_program: its open cycle is cancelled with
// every entitlement never handed over, each audited, in the same transaction as the program's move.
TEST_F(EntitlementsTest, EndingAProgramCancelsItsOpenCyclesAndTheirEntitlements) {
    const auto cycle = enrolled_cycle("CHILD_GRANT");
    ASSERT_TRUE(generate_entitlements(*store_, cycle.id).ok());
    ASSERT_FALSE(entitlements(cycle).empty());
    ASSERT_TRUE(
        move_program(*store_, cycle.program_id, model::ProgramState::kEnded, "tester", "funding over").ok());
    EXPECT_EQ(store_->programs().get_program(cycle.program_id)->state, model::ProgramState::kEnded);
    EXPECT_EQ(store_->programs().get_cycle(cycle.id)->state, model::CycleState::kCancelled);
    for (const auto& e : entitlements(cycle)) EXPECT_EQ(e.state, model::EntitlementState::kCancelled);
    const auto trail = *store_->audit().list_for_record(cycle.id);
    ASSERT_FALSE(trail.empty());
    EXPECT_EQ(trail.back().reason, "program ended");
    // A refused move changes nothing; reactivating the program brings no cycle back.
    EXPECT_EQ(move_program(*store_, cycle.program_id, model::ProgramState::kEnded, "tester", "").code(),
              ErrorCode::kIllegalTransition);
    const std::size_t events = trail.size();
    ASSERT_TRUE(
        move_program(*store_, cycle.program_id, model::ProgramState::kActive, "tester", "new funds").ok());
    EXPECT_EQ(store_->programs().get_cycle(cycle.id)->state, model::CycleState::kCancelled);
    EXPECT_EQ(store_->audit().list_for_record(cycle.id)->size(), events);
}

TEST_F(EntitlementsTest, AnEndedProgramRefusesCycles) {
    auto p = program("CCT");
    ASSERT_TRUE(
        store_->programs().transition_program(p.id, model::ProgramState::kEnded, "tester", "done").ok());
    auto c =
        create_cycle(*store_, p.id, {"Late", day(2026, 12, 1), day(2026, 12, 31), std::nullopt, "tester"});
    EXPECT_EQ(c.status().code(), ErrorCode::kFailedPrecondition);
    EXPECT_TRUE(store_->programs().list_cycles(p.id)->empty());
}

TEST_F(EntitlementsTest, BadCycleRequestsAreRefused) {
    auto p = program("CCT");
    EXPECT_EQ(create_cycle(*store_, p.id, {"", day(2026, 12, 1), day(2026, 12, 31), std::nullopt, "t"})
                  .status()
                  .code(),
              ErrorCode::kInvalidArgument);
    EXPECT_EQ(create_cycle(*store_, p.id, {"X", day(2026, 12, 31), day(2026, 12, 1), std::nullopt, "t"})
                  .status()
                  .code(),
              ErrorCode::kInvalidArgument);
    auto first = create_cycle(*store_, p.id, {"A", day(2026, 12, 1), day(2026, 12, 31), std::nullopt, "t"});
    auto second = create_cycle(*store_, p.id, {"B", day(2027, 1, 1), day(2027, 1, 31), std::nullopt, "t"});
    ASSERT_TRUE(first.ok() && second.ok());
    EXPECT_EQ(second->sequence, first->sequence + 1);
}

TEST_F(EntitlementsTest, PensionEntitlesEnrolledIndividualsWithTheFixedAmount) {
    auto cycle = enrolled_cycle("ELDERLY_PENSION");
    auto report = generate_entitlements(*store_, cycle.id);
    ASSERT_TRUE(report.ok()) << report.status().to_string();
    ASSERT_GT(report->created, 0u);
    std::set<Uuid, UuidLess> people;
    for (const auto& e : entitlements(cycle)) {
        EXPECT_EQ(e.amount, (Money{5000, "USD"}));
        EXPECT_FALSE(e.service_point_id.has_value());  // cash: no site
        people.insert(e.registrant_id);
    }
    EXPECT_EQ(people.count(demo::persona_id(2, 2)), 1u);  // Peter Banda, 66
    EXPECT_EQ(people.count(demo::persona_id(3, 1)), 1u);  // Moussa Sow, 65 today
    EXPECT_EQ(people.count(demo::persona_id(2, 1)), 0u);  // Grace Banda, one day short
    EXPECT_EQ(report->total.minor_units, static_cast<std::int64_t>(report->created) * 5000);
}

TEST_F(EntitlementsTest, VouchersGetCodesAndTheirValue) {
    auto cycle = enrolled_cycle("FARMER_SUBSIDY");
    auto report = generate_entitlements(*store_, cycle.id);
    ASSERT_TRUE(report.ok());
    ASSERT_GT(report->created, 0u);
    std::set<std::string> codes;
    for (const auto& e : entitlements(cycle)) {
        EXPECT_EQ(e.amount, (Money{6000, "USD"}));
        EXPECT_EQ(e.voucher_code.rfind("V-", 0), 0u);
        codes.insert(e.voucher_code);
    }
    EXPECT_EQ(codes.size(), report->created);
}

}  // namespace
}  // namespace spmis::programs

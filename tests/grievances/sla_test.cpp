// Service levels on a fake clock: at risk at 75%, breached after, escalated exactly once, paused
// while on hold. The seeded category in_kind_not_received allows 24 h to respond, 120 h to resolve.

#include <algorithm>

#include "grievance_fixture.hpp"

namespace spmis::grievances::testing {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using GrievanceSlaTest = GrievanceTest;

TEST_F(GrievanceSlaTest, DeadlinesComeFromTheCategoryWhenOpened) {
    auto g = open(basket_missing());
    ASSERT_TRUE(g.ok()) << g.status().to_string();
    EXPECT_EQ(g->response_due_at, clock_.now() + hours(24));
    EXPECT_EQ(g->resolution_due_at, clock_.now() + hours(120));
    EXPECT_EQ(read_sla(*g, clock_.now()).status, SlaStatus::kOnTrack);
}

TEST_F(GrievanceSlaTest, ResponseClockIsAtRiskAtThreeQuartersAndBreachedAfter) {
    auto g = open(basket_missing());
    ASSERT_TRUE(g.ok());
    clock_.advance(hours(18) - minutes(1));
    EXPECT_EQ(read_sla(reread(g->id), clock_.now()).status, SlaStatus::kOnTrack);
    clock_.advance(minutes(1));  // 18 of 24 hours
    EXPECT_EQ(read_sla(reread(g->id), clock_.now()).response.status, SlaStatus::kAtRisk);
    clock_.advance(hours(6));  // exactly the deadline: not yet past it
    EXPECT_EQ(read_sla(reread(g->id), clock_.now()).status, SlaStatus::kAtRisk);
    clock_.advance(minutes(1));
    EXPECT_EQ(read_sla(reread(g->id), clock_.now()).status, SlaStatus::kBreached);
}

TEST_F(GrievanceSlaTest, BreachEscalatesExactlyOnceToTheCategorysRoleAndStaysVisible) {
    auto late = open(basket_missing());
    auto unanswered = open(basket_missing());
    ASSERT_TRUE(late.ok() && unanswered.ok());
    ASSERT_TRUE(assign(late->id).ok());
    ASSERT_TRUE(move(late->id, "in_progress").ok());  // answered in time; its resolution will breach
    clock_.advance(hours(100));
    EXPECT_EQ(*escalate(), 1);  // the unanswered one: 100 of 24 response hours
    auto counts = count_open_grievances(*store_);
    EXPECT_EQ((*counts)["in_kind_not_received"].at_risk, 1);  // late: 100 of 120 hours used
    EXPECT_EQ((*counts)["in_kind_not_received"].breached, 1);

    auto newer = open(basket_missing());
    ASSERT_TRUE(newer.ok());
    clock_.advance(hours(21));  // late: 121 of 120 h; newer: 21 of 24 h
    EXPECT_EQ(*escalate(), 1);
    store::Grievance escalated = reread(late->id);
    ASSERT_TRUE(escalated.escalated_at.has_value());
    EXPECT_EQ(escalated.escalated_to, "program_manager");
    EXPECT_FALSE(reread(newer->id).escalated_at.has_value());

    clock_.advance(hours(5));
    EXPECT_EQ(*escalate(), 1);  // newer only: the others were escalated already
    clock_.advance(hours(50));
    EXPECT_EQ(*escalate(), 0);
    EXPECT_EQ(reread(late->id).escalated_at, escalated.escalated_at);
    auto history = store_->grievances().list_grievance_events(late->id);
    EXPECT_EQ(std::count_if(history->begin(), history->end(),
                            [](const store::GrievanceEvent& e) { return e.kind == "escalation"; }),
              1);
    counts = count_open_grievances(*store_);
    EXPECT_EQ((*counts)["in_kind_not_received"].open, 3);
    EXPECT_EQ((*counts)["in_kind_not_received"].breached, 3);  // escalated tickets stay breached
    EXPECT_EQ((*counts)["feedback"].open, 0);
}

TEST_F(GrievanceSlaTest, MisconductEscalatesToTheAuditor) {
    OpenRequest r = basket_missing();
    r.category = "staff_misconduct";
    r.subcategory = "demand_for_payment";
    r.sensitive = true;
    auto g = open(r);
    ASSERT_TRUE(g.ok()) << g.status().to_string();
    clock_.advance(hours(25));
    EXPECT_EQ(*escalate(), 1);
    EXPECT_EQ(reread(g->id).escalated_to, "auditor");
}

TEST_F(GrievanceSlaTest, TimeOnHoldDoesNotCount) {
    auto g = open(basket_missing());
    ASSERT_TRUE(g.ok());
    ASSERT_TRUE(assign(g->id).ok());
    ASSERT_TRUE(move(g->id, "in_progress").ok());
    clock_.advance(hours(80));
    ASSERT_TRUE(move(g->id, "on_hold").ok());
    clock_.advance(hours(200));  // on hold far beyond the deadline
    EXPECT_EQ(read_sla(reread(g->id), clock_.now()).resolution.used_micros,
              std::chrono::microseconds(hours(80)).count());
    EXPECT_EQ(*escalate(), 0);
    ASSERT_TRUE(move(g->id, "in_progress").ok());
    clock_.advance(hours(9));  // 89 of 120: on track
    EXPECT_EQ(read_sla(reread(g->id), clock_.now()).status, SlaStatus::kOnTrack);
    clock_.advance(hours(1));  // 90 of 120: at risk
    EXPECT_EQ(read_sla(reread(g->id), clock_.now()).status, SlaStatus::kAtRisk);
    clock_.advance(hours(31));  // 121
    EXPECT_EQ(read_sla(reread(g->id), clock_.now()).status, SlaStatus::kBreached);
    EXPECT_EQ(*escalate(), 1);
}

TEST_F(GrievanceSlaTest, AResolvedTicketStopsItsClocks) {
    auto g = open(basket_missing());
    ASSERT_TRUE(g.ok());
    ASSERT_TRUE(assign(g->id).ok());
    ASSERT_TRUE(move(g->id, "in_progress").ok());
    ASSERT_TRUE(move(g->id, "resolved", "upheld").ok());
    clock_.advance(hours(1000));
    EXPECT_EQ(read_sla(reread(g->id), clock_.now()).status, SlaStatus::kOnTrack);
    EXPECT_EQ(*escalate(), 0);
}

}  // namespace
}  // namespace spmis::grievances::testing

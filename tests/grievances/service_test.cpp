// The grievance service on a real store: numbering, checks that refuse bad input and change nothing,
// the state machine enforced, resolution decisions, appeals, notes, history and audit.

#include "grievance_fixture.hpp"

namespace spmis::grievances::testing {
namespace {

using GrievanceServiceTest = GrievanceTest;

std::size_t ticket_count(store::Store& s) {
    store::GrievanceFilter all;
    all.include_sensitive = true;
    return s.grievances().list_grievances(all)->size();
}

TEST_F(GrievanceServiceTest, DefaultCategoriesArePutOnceWhenThereAreNone) {
    auto categories = store_->grievances().list_grievance_categories();
    ASSERT_EQ(categories->size(), 8u);
    auto misconduct = store_->grievances().find_grievance_category("staff_misconduct");
    ASSERT_TRUE(misconduct.ok() && misconduct->has_value());
    EXPECT_EQ((*misconduct)->escalate_to, "auditor");
    store::GrievanceCategory changed = **misconduct;
    changed.response_hours = 2;
    ASSERT_TRUE(store_->transaction([&] { return configure_category(*store_, changed, "admin"); }).ok());
    auto again = store_->transaction([&] { return put_default_categories(*store_).status(); });
    ASSERT_TRUE(again.ok());
    EXPECT_EQ((*store_->grievances().find_grievance_category("staff_misconduct"))->response_hours, 2);
}

TEST_F(GrievanceServiceTest, TicketsAreNumberedInOrderAndHumanReadable) {
    auto first = open(basket_missing());
    auto second = open(basket_missing());
    ASSERT_TRUE(first.ok() && second.ok()) << first.status().to_string();
    EXPECT_EQ(second->number, first->number + 1);
    EXPECT_EQ(ticket_number(first->number), "GRV-000001");
    EXPECT_EQ(ticket_number(123), "GRV-000123");
    EXPECT_EQ(first->state, "new");
    EXPECT_EQ(first->opened_by, "clerk");
}

TEST_F(GrievanceServiceTest, BadRequestsAreRefusedAndChangeNothing) {
    const std::int64_t audited = *store_->audit().count();
    auto refused = [&](auto edit, ErrorCode code) {
        OpenRequest r = basket_missing();
        edit(r);
        auto g = open(r);
        EXPECT_EQ(g.status().code(), code) << g.status().to_string();
    };
    refused([](OpenRequest& r) { r.category = "weather"; }, ErrorCode::kInvalidArgument);
    refused([](OpenRequest& r) { r.subcategory = "delayed"; },
            ErrorCode::kInvalidArgument);  // another category's
    refused([](OpenRequest& r) { r.channel = "email"; }, ErrorCode::kInvalidArgument);
    refused([](OpenRequest& r) { r.priority = "whenever"; }, ErrorCode::kInvalidArgument);
    refused([](OpenRequest& r) { r.description = ""; }, ErrorCode::kInvalidArgument);
    refused([](OpenRequest& r) { r.description = "bad \x01 control"; }, ErrorCode::kInvalidArgument);
    refused([](OpenRequest& r) { r.description = "bad \xff utf-8"; }, ErrorCode::kInvalidArgument);
    refused([](OpenRequest& r) { r.complainant_id = new_uuid_v7(); }, ErrorCode::kInvalidArgument);
    refused([](OpenRequest& r) { r.links.program_id = new_uuid_v7(); }, ErrorCode::kInvalidArgument);
    refused([](OpenRequest& r) { r.links.entitlement_id = new_uuid_v7(); }, ErrorCode::kInvalidArgument);
    refused([](OpenRequest& r) { r.links.case_id = new_uuid_v7(); }, ErrorCode::kInvalidArgument);
    refused([&](OpenRequest& r) { r.links.household_id = individual_; },
            ErrorCode::kInvalidArgument);  // wrong kind
    refused([&](OpenRequest& r) { r.links.registrant_id = household_; }, ErrorCode::kInvalidArgument);
    refused([](OpenRequest& r) { r.links.redemption_id = new_uuid_v7(); }, ErrorCode::kInvalidArgument);
    EXPECT_EQ(ticket_count(*store_), 0u);
    EXPECT_EQ(*store_->audit().count(), audited);
}

TEST_F(GrievanceServiceTest, TheStateMachineIsEnforcedAndEveryMoveIsKept) {
    auto g = open(basket_missing());
    ASSERT_TRUE(g.ok());
    EXPECT_EQ(move(g->id, "in_progress").status().code(), ErrorCode::kIllegalTransition);  // not assigned yet
    EXPECT_EQ(move(g->id, "assigned").status().code(), ErrorCode::kInvalidArgument);  // needs an assignee
    EXPECT_EQ(move(g->id, "reopened").status().code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(move(new_uuid_v7(), "rejected").status().code(), ErrorCode::kNotFound);
    auto unknown_user =
        in_transaction([&] { return assign_grievance(*store_, g->id, "nobody", "boss", ""); });
    EXPECT_EQ(unknown_user.status().code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(reread(g->id).state, "new");

    ASSERT_TRUE(assign(g->id).ok());
    EXPECT_EQ(reread(g->id).assignee, "officer");
    ASSERT_TRUE(move(g->id, "in_progress").ok());
    ASSERT_TRUE(move(g->id, "on_hold").ok());
    ASSERT_TRUE(move(g->id, "in_progress").ok());
    EXPECT_EQ(move(g->id, "resolved").status().code(), ErrorCode::kInvalidArgument);  // no decision
    EXPECT_EQ(move(g->id, "resolved", "sort_of").status().code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(move(g->id, "on_hold", "upheld").status().code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(reread(g->id).state, "in_progress");
    auto resolved = move(g->id, "resolved", "partially_upheld");
    ASSERT_TRUE(resolved.ok());
    EXPECT_EQ(resolved->decision, "partially_upheld");
    ASSERT_TRUE(move(g->id, "closed").ok());
    EXPECT_EQ(reread(g->id).decision, "partially_upheld");  // closing keeps the decision
    EXPECT_EQ(move(g->id, "in_progress").status().code(), ErrorCode::kIllegalTransition);
    EXPECT_EQ(assign(g->id).status().code(), ErrorCode::kIllegalTransition);

    auto history = store_->grievances().list_grievance_events(g->id);
    std::vector<std::string> moves;
    for (const auto& e : *history) moves.push_back(e.kind + ":" + e.to_state);
    EXPECT_EQ(moves, (std::vector<std::string>{"open:new", "transition:assigned", "transition:in_progress",
                                               "transition:on_hold", "transition:in_progress",
                                               "transition:resolved", "transition:closed"}));
    EXPECT_EQ((*history)[3].actor, "officer");
    EXPECT_EQ((*history)[3].text, "why on_hold");
    EXPECT_EQ((*history)[3].at, clock_.now());
    EXPECT_EQ(store_->audit().list_for_record(g->id)->size(), history->size());
}

TEST_F(GrievanceServiceTest, RejectingNeedsAReasonAndEndsTheTicket) {
    auto g = open(basket_missing());
    ASSERT_TRUE(g.ok());
    auto no_reason =
        in_transaction([&] { return transition_grievance(*store_, g->id, "rejected", "", "officer", ""); });
    EXPECT_EQ(no_reason.status().code(), ErrorCode::kInvalidArgument);
    ASSERT_TRUE(move(g->id, "rejected").ok());
    EXPECT_TRUE(reread(g->id).resolved_at.has_value());
    EXPECT_EQ(move(g->id, "closed").status().code(), ErrorCode::kIllegalTransition);
}

TEST_F(GrievanceServiceTest, AnAppealOpensALinkedTicketOnlyAfterResolution) {
    auto g = open(basket_missing());
    ASSERT_TRUE(g.ok());
    auto early = in_transaction([&] { return appeal_grievance(*store_, g->id, "clerk", "I disagree"); });
    EXPECT_EQ(early.status().code(), ErrorCode::kIllegalTransition);
    ASSERT_TRUE(assign(g->id).ok());
    ASSERT_TRUE(move(g->id, "in_progress").ok());
    ASSERT_TRUE(move(g->id, "resolved", "not_upheld").ok());
    auto appeal = in_transaction([&] { return appeal_grievance(*store_, g->id, "clerk", "I disagree"); });
    ASSERT_TRUE(appeal.ok()) << appeal.status().to_string();
    EXPECT_EQ(appeal->appeal_of, g->id);
    EXPECT_EQ(appeal->state, "new");
    EXPECT_EQ(appeal->links, g->links);
    EXPECT_EQ(appeal->complainant_id, g->complainant_id);
    EXPECT_EQ(appeal->number, g->number + 1);
    EXPECT_EQ(reread(g->id).state, "resolved");  // the original stays as decided
    EXPECT_EQ(store_->grievances().list_grievance_events(g->id)->back().kind, "appealed");
}

TEST_F(GrievanceServiceTest, NotesAreKeptInTheHistoryAndCheckedLikeAnyText) {
    auto g = open(basket_missing());
    ASSERT_TRUE(g.ok());
    auto note = [&](const std::string& text) {
        return store_->transaction([&] { return add_grievance_note(*store_, g->id, "officer", text); });
    };
    ASSERT_TRUE(note("Called the complainant\nno answer").ok());
    EXPECT_EQ(note("").code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(note("\xe2\x80\xae reversed").code(), ErrorCode::kInvalidArgument);
    auto history = store_->grievances().list_grievance_events(g->id);
    ASSERT_EQ(history->size(), 2u);
    EXPECT_EQ((*history)[1].kind, "note");
    EXPECT_EQ((*history)[1].text, "Called the complainant\nno answer");
}

TEST_F(GrievanceServiceTest, ConfiguredCategoriesSetTheDeadlinesOfNewTicketsOnly) {
    auto before = open(basket_missing());
    ASSERT_TRUE(before.ok());
    store::GrievanceCategory faster{"in_kind_not_received", "In-kind", 2, 10, "auditor", {"not_received"}};
    ASSERT_TRUE(store_->transaction([&] { return configure_category(*store_, faster, "admin"); }).ok());
    auto after = open(basket_missing());
    ASSERT_TRUE(after.ok()) << after.status().to_string();
    EXPECT_EQ(after->resolution_due_at, clock_.now() + std::chrono::hours(10));
    EXPECT_EQ(reread(before->id).resolution_due_at, clock_.now() + std::chrono::hours(120));
    OpenRequest gone = basket_missing();
    gone.subcategory = "incomplete";  // no longer a subcategory
    EXPECT_EQ(open(gone).status().code(), ErrorCode::kInvalidArgument);

    const std::int64_t audited = *store_->audit().count();
    for (const store::GrievanceCategory& bad :
         {store::GrievanceCategory{"Bad Code", "x", 1, 2, "auditor", {"a"}},
          store::GrievanceCategory{"ok", "", 1, 2, "auditor", {"a"}},
          store::GrievanceCategory{"ok", "x", 0, 2, "auditor", {"a"}},
          store::GrievanceCategory{"ok", "x", 3, 2, "auditor", {"a"}},
          store::GrievanceCategory{"ok", "x", 1, 100000, "auditor", {"a"}},
          store::GrievanceCategory{"ok", "x", 1, 2, "auditor", {}},
          store::GrievanceCategory{"ok", "x", 1, 2, "auditor", {"Not A Code"}}}) {
        EXPECT_EQ(store_->transaction([&] { return configure_category(*store_, bad, "admin"); }).code(),
                  ErrorCode::kInvalidArgument)
            << bad.code << " " << bad.name;
    }
    EXPECT_FALSE(store_->grievances().find_grievance_category("ok")->has_value());
    EXPECT_EQ(*store_->audit().count(), audited);
}

TEST_F(GrievanceServiceTest, CsvExportHoldsThePeriodsTicketsWithTheirServiceLevels) {
    auto before = open(basket_missing());
    clock_.advance(std::chrono::hours(1));
    const UtcTime from = clock_.now();
    auto in_period = open(basket_missing());
    OpenRequest secret = basket_missing();
    secret.sensitive = true;
    auto hidden = open(secret);
    ASSERT_TRUE(before.ok() && in_period.ok() && hidden.ok());
    clock_.advance(std::chrono::hours(30));  // past the 24 h response deadline
    auto csv = grievances_csv(*store_, from, clock_.now(), false);
    ASSERT_TRUE(csv.ok()) << csv.status().to_string();
    EXPECT_EQ(std::count(csv->begin(), csv->end(), '\n'), 2);  // header and the one visible ticket
    EXPECT_NE(csv->find("number,id,category"), std::string::npos);
    EXPECT_NE(csv->find("GRV-000002"), std::string::npos);
    EXPECT_NE(csv->find(",125,"), std::string::npos);  // 30 of 24 response hours
    EXPECT_NE(csv->find("breached"), std::string::npos);
    EXPECT_EQ(csv->find("I was not given"), std::string::npos);  // no descriptions in the export
    auto with_sensitive = grievances_csv(*store_, from, clock_.now(), true);
    EXPECT_EQ(std::count(with_sensitive->begin(), with_sensitive->end(), '\n'), 3);
}

}  // namespace
}  // namespace spmis::grievances::testing

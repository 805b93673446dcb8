#include "spmis/store/grievance_repository.hpp"

#include <algorithm>

#include "sample_records.hpp"
#include "store_fixture.hpp"

namespace spmis::store::testing {
namespace {

using GrievanceRepositoryTest = StoreTest;
using std::chrono::hours;

Grievance sample_grievance(std::int64_t number, UtcTime now) {
    Grievance g;
    g.id = id();
    g.number = number;
    g.category = "in_kind_not_received";
    g.subcategory = "incomplete";
    g.priority = "high";
    g.channel = "walk_in";
    g.description = "The basket had no oil; élève's name 'x'); DROP TABLE grievances;--";
    g.state = "new";
    g.links.entitlement_id = id();
    g.links.service_point_id = id();
    g.opened_by = "clerk";
    g.opened_at = g.updated_at = now;
    g.response_due_at = now + hours(24);
    g.resolution_due_at = now + hours(120);
    return g;
}

TEST_P(GrievanceRepositoryTest, CategoriesRoundTripAndPutReplacesLevelsAndSubcategories) {
    auto& repo = store_->grievances();
    EXPECT_TRUE(repo.list_grievance_categories()->empty());  // a new database holds none
    GrievanceCategory c{"feedback", "Feedback", 1, 2, "administrator", {"praise", "question"}};
    ASSERT_TRUE(repo.put_grievance_category(c).ok());
    EXPECT_EQ(**repo.find_grievance_category("feedback"), c);
    c = GrievanceCategory{"feedback", "Feedback and questions", 3, 4, "auditor", {"question"}};
    ASSERT_TRUE(repo.put_grievance_category(c).ok());
    EXPECT_EQ(**repo.find_grievance_category("feedback"), c);
    GrievanceCategory added{"accessibility", "Accessibility", 10, 20, "program_manager", {"ramp", "sign"}};
    ASSERT_TRUE(repo.put_grievance_category(added).ok());
    auto all = repo.list_grievance_categories();
    ASSERT_EQ(all->size(), 2u);
    EXPECT_EQ((*all)[0], added);  // by code
    EXPECT_FALSE(repo.find_grievance_category("nonsense")->has_value());
}

// Tickets name their category (a foreign key): each test puts the one its sample uses.
void put_sample_category(Store& store) {
    GrievanceCategory c{"in_kind_not_received", "In-kind", 24, 120, "program_manager", {"incomplete"}};
    ASSERT_TRUE(store.grievances().put_grievance_category(c).ok());
}

TEST_P(GrievanceRepositoryTest, TicketRoundTripsUpdatesAndKeepsItsNumberUnique) {
    auto& repo = store_->grievances();
    put_sample_category(*store_);
    EXPECT_EQ(*repo.next_grievance_number(), 1);
    Grievance g = sample_grievance(1, clock_.now());
    ASSERT_TRUE(repo.insert_grievance(g).ok());
    EXPECT_EQ(*repo.get_grievance(g.id), g);
    EXPECT_EQ(*repo.next_grievance_number(), 2);
    Grievance same_number = sample_grievance(1, clock_.now());
    EXPECT_EQ(repo.insert_grievance(same_number).code(), ErrorCode::kAlreadyExists);

    g.state = "on_hold";
    g.assignee = "officer";
    g.responded_at = clock_.now() + hours(1);
    g.hold_started_at = clock_.now() + hours(2);
    g.held_micros = 42;
    g.escalated_at = clock_.now() + hours(3);
    g.escalated_to = "program_manager";
    g.links.case_id = id();
    g.updated_at = clock_.now() + hours(3);
    ASSERT_TRUE(repo.update_grievance(g).ok());
    EXPECT_EQ(*repo.get_grievance(g.id), g);
    EXPECT_EQ(repo.get_grievance(id()).status().code(), ErrorCode::kNotFound);
}

TEST_P(GrievanceRepositoryTest, ListFiltersHidesSensitiveAndPagesNewestFirst) {
    auto& repo = store_->grievances();
    put_sample_category(*store_);
    std::vector<Grievance> made;
    for (int i = 1; i <= 4; ++i) {
        Grievance g = sample_grievance(i, clock_.now() + hours(i));
        g.sensitive = i == 4;
        g.state = i == 1 ? "closed" : "new";
        ASSERT_TRUE(repo.insert_grievance(g).ok());
        made.push_back(g);
    }
    GrievanceFilter open;
    open.open_only = true;
    auto visible = repo.list_grievances(open);
    ASSERT_TRUE(visible.ok()) << visible.status().to_string();
    ASSERT_EQ(visible->size(), 2u);  // not the closed one, not the sensitive one
    EXPECT_EQ((*visible)[0].number, 3);
    open.include_sensitive = true;
    EXPECT_EQ(repo.list_grievances(open)->size(), 3u);

    GrievanceFilter page;
    page.include_sensitive = true;
    page.limit = 2;
    page.before = made[2].id;
    auto older = repo.list_grievances(page);
    ASSERT_EQ(older->size(), 2u);
    EXPECT_EQ((*older)[0].number, 2);
    EXPECT_EQ((*older)[1].number, 1);

    GrievanceFilter period;
    period.include_sensitive = true;
    period.opened_from = clock_.now() + hours(2);
    period.opened_until = clock_.now() + hours(4);
    period.state = "new";
    EXPECT_EQ(repo.list_grievances(period)->size(), 2u);
}

TEST_P(GrievanceRepositoryTest, HistoryIsKeptInOrder) {
    auto& repo = store_->grievances();
    put_sample_category(*store_);
    Grievance g = sample_grievance(1, clock_.now());
    ASSERT_TRUE(repo.insert_grievance(g).ok());
    std::vector<GrievanceEvent> written;
    for (const char* to : {"assigned", "in_progress", "on_hold"}) {
        GrievanceEvent e{id(),        g.id, "transition", "new", to, "officer", std::string("to ") + to,
                         clock_.now()};
        ASSERT_TRUE(repo.append_grievance_event(e).ok());
        written.push_back(e);
    }
    EXPECT_EQ(*repo.list_grievance_events(g.id), written);
    EXPECT_TRUE(repo.list_grievance_events(id())->empty());
}

}  // namespace
SPMIS_INSTANTIATE_STORE_TESTS(GrievanceRepositoryTest);
}  // namespace spmis::store::testing

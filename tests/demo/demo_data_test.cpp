#include "spmis/demo/demo_data.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "../store/store_fixture.hpp"
#include "spmis/demo/personas.hpp"

namespace spmis::demo {
namespace {

using store::testing::TempDir;

struct Generated {
    TempDir dir;
    std::unique_ptr<store::Store> store;
    DemoSummary summary;
};

std::unique_ptr<Generated> generate(std::size_t households, std::uint64_t seed) {
    auto g = std::make_unique<Generated>();
    auto s = store::open_store_in_directory(g->dir.path());
    EXPECT_TRUE(s.ok()) << s.status().to_string();
    g->store = std::move(s).value();
    auto summary = generate_demo(*g->store, DemoOptions{households, seed, nullptr});
    EXPECT_TRUE(summary.ok()) << summary.status().to_string();
    if (summary.ok()) g->summary = *summary;
    return g;
}

TEST(DemoDataTest, SameSeedGivesIdenticalContentAndAnotherSeedDoesNot) {
    auto a = generate(300, 7);
    auto b = generate(300, 7);
    auto c = generate(300, 8);
    EXPECT_EQ(*a->store->content_digest(), *b->store->content_digest());
    EXPECT_NE(*a->store->content_digest(), *c->store->content_digest());
}

TEST(DemoDataTest, SummaryMatchesWhatWasStored) {
    auto g = generate(250, 42);
    const std::size_t personas = persona_households().size();
    EXPECT_EQ(g->summary.households, 250 + personas);
    EXPECT_EQ(*g->store->registry().count_registrants(model::RegistrantKind::kGroup),
              static_cast<std::int64_t>(g->summary.households));
    EXPECT_EQ(*g->store->registry().count_registrants(model::RegistrantKind::kIndividual),
              static_cast<std::int64_t>(g->summary.individuals));
    EXPECT_EQ(g->store->registry().list_areas()->size(), 21u);
    EXPECT_EQ(g->store->programs().list_programs()->size(), 6u);
    EXPECT_EQ(g->store->service_points().list_service_points()->size(), g->summary.service_points);
    auto child = g->store->programs().find_program_by_code("CHILD_GRANT");
    ASSERT_TRUE(child.ok() && child->has_value());
    EXPECT_EQ((*child)->eligibility_cel, "group.members.exists(m, m.age < 5)");
    EXPECT_EQ((*child)->rule.cel,
              "30 + 10 * group.members.filter(m, m.age < 5).size() + 5 * group.members.filter(m, m.age >= "
              "60).size()");
}

TEST(DemoDataTest, HouseholdsHaveOneHeadAndOneToTwelveMembersInADistrict) {
    auto g = generate(200, 3);
    std::size_t sizes_seen = 0;
    std::vector<bool> seen(13, false);
    Status s = g->store->registry().for_each_registrant(
        model::RegistrantKind::kGroup, [&](const model::Registrant& h) {
            auto members = *g->store->registry().list_group_members(h.id);
            EXPECT_GE(members.size(), 1u);
            EXPECT_LE(members.size(), 12u);
            seen[std::min<std::size_t>(members.size(), 12)] = true;
            auto heads = std::count_if(members.begin(), members.end(), [](const auto& m) {
                return m.kind == model::GroupMembershipKind::kHead;
            });
            EXPECT_EQ(heads, 1) << h.external_id;
            auto area = g->store->registry().get_area(*h.area_id);
            EXPECT_TRUE(area.ok() && area->level == 2);
            EXPECT_TRUE(h.pmt_score && *h.pmt_score >= 0 && *h.pmt_score <= 60);
            EXPECT_TRUE(h.vulnerability_score && *h.vulnerability_score >= 0 && *h.vulnerability_score <= 5);
            return Status{};
        });
    ASSERT_TRUE(s.ok());
    for (int size = 1; size <= 8; ++size) sizes_seen += seen[static_cast<std::size_t>(size)] ? 1 : 0;
    EXPECT_EQ(sizes_seen, 8u) << "common household sizes 1-8 should all occur in 200 households";
}

TEST(DemoDataTest, RefusesADirectoryThatAlreadyHoldsRegistrants) {
    auto g = generate(10, 1);
    auto again = generate_demo(*g->store, DemoOptions{10, 1, nullptr});
    EXPECT_EQ(again.status().code(), ErrorCode::kFailedPrecondition);
}

TEST(DemoDataTest, PersonasAreStoredUnderTheirFixedIds) {
    auto g = generate(5, 99);
    for (std::size_t i = 0; i < persona_households().size(); ++i) {
        const auto& p = persona_households()[i];
        auto h = g->store->registry().get_registrant(persona_id(i));
        ASSERT_TRUE(h.ok()) << p.external_id;
        EXPECT_EQ(h->external_id, p.external_id);
        EXPECT_EQ(g->store->registry().list_group_members(h->id)->size(), p.members.size());
    }
}

}  // namespace
}  // namespace spmis::demo

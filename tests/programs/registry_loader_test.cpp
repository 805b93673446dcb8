// The registry loader against the store's own per-record queries on the demo data: every
// household with its members in order, their membership kinds, areas and custom attributes.

#include "spmis/programs/registry_loader.hpp"

#include "demo_fixture.hpp"

namespace spmis::programs {
namespace {

using RegistryLoaderTest = testing::DemoStoreTest;

cel::MembershipKind expected_kind(model::GroupMembershipKind k) {
    switch (k) {
        case model::GroupMembershipKind::kHead: return cel::MembershipKind::kHead;
        case model::GroupMembershipKind::kSpouse: return cel::MembershipKind::kSpouse;
        case model::GroupMembershipKind::kChild: return cel::MembershipKind::kChild;
        case model::GroupMembershipKind::kOther: break;
    }
    return cel::MembershipKind::kOther;
}

TEST_F(RegistryLoaderTest, LoadsEveryHouseholdWithTheMembersTheStoreLists) {
    auto snap = load_registry(*store_);
    ASSERT_TRUE(snap.ok()) << snap.status().to_string();
    auto& reg = store_->registry();
    EXPECT_EQ(static_cast<std::int64_t>(snap->households.size()),
              *reg.count_registrants(model::RegistrantKind::kGroup));
    EXPECT_EQ(static_cast<std::int64_t>(snap->individuals.size()),
              *reg.count_registrants(model::RegistrantKind::kIndividual));
    std::size_t with_attributes = 0;
    for (const auto& h : snap->households) {
        auto members = reg.list_group_members(h.id);
        ASSERT_TRUE(members.ok());
        ASSERT_EQ(h.members.size(), members->size());
        auto group = reg.get_registrant(h.id);
        ASSERT_TRUE(group.ok());
        EXPECT_EQ(h.custom.size(), group->attributes.size());
        EXPECT_FALSE(h.area_path.empty());
        for (std::size_t i = 0; i < h.members.size(); ++i) {
            const auto& m = h.members[i];
            EXPECT_EQ(m.id, (*members)[i].individual_id);
            EXPECT_EQ(m.membership, expected_kind((*members)[i].kind));
            EXPECT_FALSE(m.area_code.empty());  // a member without an area takes the household's
            auto person = reg.get_registrant(m.id);
            ASSERT_TRUE(person.ok());
            EXPECT_EQ(m.custom.size(), person->attributes.size());
            with_attributes += person->attributes.empty() ? 0 : 1;
        }
    }
    EXPECT_GT(with_attributes, 0u);  // the check above compared real attributes, not only empty lists
    LoadOptions individuals_only;
    individuals_only.households = false;
    auto people = load_registry(*store_, individuals_only);
    ASSERT_TRUE(people.ok());
    EXPECT_TRUE(people->households.empty());
    EXPECT_EQ(people->individuals.size(), snap->individuals.size());
}

}  // namespace
}  // namespace spmis::programs

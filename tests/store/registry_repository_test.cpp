#include "spmis/store/registry_repository.hpp"

#include "sample_records.hpp"
#include "store_fixture.hpp"

namespace spmis::store::testing {
namespace {

using RegistryRepositoryTest = StoreTest;

TEST_P(RegistryRepositoryTest, AreasRoundTripWithTheirHierarchy) {
    auto& reg = store_->registry();
    auto country = sample_area("SN", std::nullopt, 0);
    auto region = sample_area("SN-DK", country.id, 1);
    ASSERT_TRUE(reg.insert_area(country).ok());
    ASSERT_TRUE(reg.insert_area(region).ok());
    EXPECT_EQ(*reg.get_area(region.id), region);
    EXPECT_EQ(reg.find_area_by_code("SN-DK")->value(), region);
    EXPECT_FALSE(reg.find_area_by_code("XX")->has_value());
    EXPECT_EQ(*reg.list_areas(), (std::vector<model::Area>{country, region}));
    EXPECT_EQ(reg.insert_area(sample_area("SN", std::nullopt, 0)).code(), ErrorCode::kAlreadyExists);
    EXPECT_EQ(reg.insert_area(sample_area("ORPHAN", id(), 1)).code(), ErrorCode::kNotFound);
}

TEST_P(RegistryRepositoryTest, RegistrantsRoundTripEveryField) {
    auto& reg = store_->registry();
    auto area = sample_area("SN", std::nullopt, 0);
    ASSERT_TRUE(reg.insert_area(area).ok());
    auto person = sample_individual("P-1", area.id);
    auto group = sample_group("H-1");
    ASSERT_TRUE(reg.insert_registrant(person).ok());
    ASSERT_TRUE(reg.insert_registrant(group).ok());
    EXPECT_EQ(*reg.get_registrant(person.id), person);
    EXPECT_EQ(*reg.get_registrant(group.id), group);
    EXPECT_EQ(reg.find_by_external_id("P-1")->value(), person);
    EXPECT_FALSE(reg.find_by_external_id("nope")->has_value());
    EXPECT_EQ(*reg.count_registrants(model::RegistrantKind::kIndividual), 1);
    EXPECT_EQ(reg.get_registrant(id()).status().code(), ErrorCode::kNotFound);
}

TEST_P(RegistryRepositoryTest, RefusesDuplicateExternalIdsAndUnknownAreas) {
    auto& reg = store_->registry();
    ASSERT_TRUE(reg.insert_registrant(sample_individual("P-1", std::nullopt)).ok());
    EXPECT_EQ(reg.insert_registrant(sample_individual("P-1", std::nullopt)).code(),
              ErrorCode::kAlreadyExists);
    EXPECT_EQ(reg.insert_registrant(sample_individual("P-2", id())).code(), ErrorCode::kNotFound);
    EXPECT_EQ(*reg.count_registrants(model::RegistrantKind::kIndividual), 1);
}

TEST_P(RegistryRepositoryTest, BulkInsertIsAllOrNothing) {
    auto& reg = store_->registry();
    std::vector<model::Registrant> batch = {sample_individual("A", std::nullopt),
                                            sample_individual("B", std::nullopt),
                                            sample_individual("A", std::nullopt)};
    EXPECT_EQ(reg.insert_registrants(batch).code(), ErrorCode::kAlreadyExists);
    EXPECT_EQ(*reg.count_registrants(model::RegistrantKind::kIndividual), 0);
    batch.pop_back();
    ASSERT_TRUE(reg.insert_registrants(batch).ok());
    std::vector<std::string> seen;
    ASSERT_TRUE(reg.for_each_registrant(model::RegistrantKind::kIndividual,
                                        [&](const model::Registrant& r) {
                                            seen.push_back(r.external_id);
                                            return Status{};
                                        })
                    .ok());
    EXPECT_EQ(seen, (std::vector<std::string>{"A", "B"}));
}

TEST_P(RegistryRepositoryTest, FindsByCaseInsensitiveNamePrefix) {
    auto& reg = store_->registry();
    auto a = sample_individual("A", std::nullopt);
    auto b = sample_individual("B", std::nullopt);
    b.name = "Aminata Sow";
    auto c = sample_individual("C", std::nullopt);
    c.name = "Moussa Ba";
    ASSERT_TRUE(reg.insert_registrants(std::vector{a, b, c}).ok());
    auto found = reg.find_by_name_prefix("AMIN", 10);
    ASSERT_TRUE(found.ok());
    ASSERT_EQ(found->size(), 2u);
    EXPECT_EQ((*found)[0].external_id, "A");
    EXPECT_EQ((*found)[1].external_id, "B");
    EXPECT_EQ(reg.find_by_name_prefix("amina", 1)->size(), 1u);
}

TEST_P(RegistryRepositoryTest, UpdateReplacesFieldsAndAuditsBeforeAndAfter) {
    auto& reg = store_->registry();
    auto person = sample_individual("P-1", std::nullopt);
    ASSERT_TRUE(reg.insert_registrant(person).ok());
    auto changed = person;
    changed.phone = "+221770000099";
    changed.attributes.pop_back();
    ASSERT_TRUE(reg.update_registrant(changed, "officer1", "phone changed").ok());
    EXPECT_EQ(*reg.get_registrant(person.id), changed);
    auto events = store_->audit().list_for_record(person.id);
    ASSERT_TRUE(events.ok());
    ASSERT_EQ(events->size(), 1u);
    EXPECT_EQ((*events)[0].action, "update");
    EXPECT_EQ((*events)[0].actor, "officer1");
    EXPECT_NE((*events)[0].before.find("+221770000001"), std::string::npos);
    EXPECT_NE((*events)[0].after.find("+221770000099"), std::string::npos);
    EXPECT_EQ(reg.update_registrant(sample_individual("X", std::nullopt), "o", "").code(),
              ErrorCode::kNotFound);
}

TEST_P(RegistryRepositoryTest, GroupMembershipsRoundTrip) {
    auto& reg = store_->registry();
    auto group = sample_group("H-1");
    auto head = sample_individual("P-1", std::nullopt);
    auto child = sample_individual("P-2", std::nullopt);
    ASSERT_TRUE(reg.insert_registrants(std::vector{group, head, child}).ok());
    model::GroupMembership m1{group.id, head.id, model::GroupMembershipKind::kHead};
    model::GroupMembership m2{group.id, child.id, model::GroupMembershipKind::kChild};
    ASSERT_TRUE(reg.put_group_memberships(std::vector{m1, m2}).ok());
    EXPECT_EQ(*reg.list_group_members(group.id), (std::vector{m1, m2}));
    m2.kind = model::GroupMembershipKind::kOther;
    ASSERT_TRUE(reg.put_group_membership(m2).ok());
    EXPECT_EQ(*reg.list_groups_of(child.id), (std::vector{m2}));
    ASSERT_TRUE(reg.remove_group_membership(group.id, child.id).ok());
    EXPECT_TRUE(reg.list_groups_of(child.id)->empty());
    EXPECT_EQ(reg.put_group_membership({group.id, id(), model::GroupMembershipKind::kChild}).code(),
              ErrorCode::kNotFound);
}

TEST_P(RegistryRepositoryTest, ScansEveryRegistrantAndMembershipAcrossPages) {
    // More rows than one scan page, groups and individuals interleaved in id order, so each page's
    // attribute range also covers registrants of the other kind.
    auto& reg = store_->registry();
    const std::size_t n = kRegistryScanPage + 7;
    std::vector<model::Registrant> rows;
    std::vector<model::GroupMembership> members;
    for (std::size_t i = 0; i < n; ++i) {
        rows.push_back(sample_group("H-" + std::to_string(i)));
        rows.push_back(sample_individual("P-" + std::to_string(i), std::nullopt));
        auto& attributes = rows.back().attributes;  // stored in name order: between the sample's two
        attributes.insert(attributes.begin() + 1,
                          {"index", model::AttributeType::kInteger, std::to_string(i)});
        members.push_back({rows[rows.size() - 2].id, rows.back().id, model::GroupMembershipKind::kHead});
    }
    ASSERT_TRUE(reg.insert_registrants(rows).ok());
    ASSERT_TRUE(reg.put_group_memberships(members).ok());
    std::vector<model::Registrant> people;
    ASSERT_TRUE(reg.for_each_registrant(model::RegistrantKind::kIndividual,
                                        [&](const model::Registrant& r) {
                                            people.push_back(r);
                                            return Status{};
                                        })
                    .ok());
    ASSERT_EQ(people.size(), n);
    for (std::size_t i = 0; i < n; ++i) EXPECT_EQ(people[i], rows[2 * i + 1]) << i;
    std::vector<model::GroupMembership> scanned;
    ASSERT_TRUE(reg.for_each_group_membership([&](const model::GroupMembership& m) {
                       scanned.push_back(m);
                       return Status{};
                   })
                    .ok());
    EXPECT_EQ(scanned, members);  // group ids are time-ordered, so insertion order is group order
    std::size_t visits = 0;
    EXPECT_EQ(reg.for_each_group_membership([&](const model::GroupMembership&) {
                     ++visits;
                     return make_error(ErrorCode::kRefused, "stop");
                 })
                  .code(),
              ErrorCode::kRefused);
    EXPECT_EQ(visits, 1u);
}

SPMIS_INSTANTIATE_STORE_TESTS(RegistryRepositoryTest);

}  // namespace
}  // namespace spmis::store::testing

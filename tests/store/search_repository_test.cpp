// The API's lookups: registrant search with cursors, audit search, and listing users.

#include "sample_records.hpp"
#include "store_fixture.hpp"

namespace spmis::store::testing {
namespace {

using SearchRepositoryTest = StoreTest;

std::vector<std::string> external_ids(const Result<std::vector<model::Registrant>>& rows) {
    std::vector<std::string> out;
    for (const auto& r : *rows) out.push_back(r.external_id);
    return out;
}

RegistrantQuery query(std::string name, std::string external_id = "", std::string national_id = "",
                      std::optional<Uuid> area = std::nullopt, std::optional<Uuid> after = std::nullopt,
                      std::size_t limit = 50) {
    RegistrantQuery q;
    q.name_prefix = std::move(name);
    q.external_id = std::move(external_id);
    q.national_id = std::move(national_id);
    q.area_id = area;
    q.after_id = after;
    q.limit = limit;
    return q;
}

AuditQuery audit_query(std::optional<Uuid> record, std::string actor = "",
                       std::optional<UtcTime> since = std::nullopt,
                       std::optional<UtcTime> until = std::nullopt, std::optional<Uuid> after = std::nullopt,
                       std::size_t limit = 100) {
    AuditQuery q;
    q.record_id = record;
    q.actor = std::move(actor);
    q.since = since;
    q.until = until;
    q.after_id = after;
    q.limit = limit;
    return q;
}

TEST_P(SearchRepositoryTest, RegistrantSearchCombinesFiltersAndPagesById) {
    auto area = sample_area("DL-1", std::nullopt, 0);
    ASSERT_TRUE(store_->registry().insert_area(area).ok());
    auto a = sample_individual("A", area.id);
    auto b = sample_individual("B", std::nullopt);
    auto c = sample_individual("C", area.id);
    c.name = "Ousmane Ba";
    for (const auto& r : {a, b, c}) ASSERT_TRUE(store_->registry().insert_registrant(r).ok());
    auto& reg = store_->registry();

    EXPECT_EQ(external_ids(reg.search_registrants(query(""))), (std::vector<std::string>{"A", "B", "C"}));
    EXPECT_EQ(external_ids(reg.search_registrants(query("AMINA"))), (std::vector<std::string>{"A", "B"}));
    EXPECT_EQ(external_ids(reg.search_registrants(query("amina", "", "", area.id))),
              std::vector<std::string>{"A"});
    EXPECT_EQ(external_ids(reg.search_registrants(query("", "", "NID-C"))), std::vector<std::string>{"C"});
    EXPECT_EQ(external_ids(reg.search_registrants(query("", "B"))), std::vector<std::string>{"B"});
    EXPECT_TRUE(reg.search_registrants(query("", "' OR ''='"))->empty());
    EXPECT_EQ(external_ids(reg.search_registrants(query("", "", "", std::nullopt, std::nullopt, 2))),
              (std::vector<std::string>{"A", "B"}));
    EXPECT_EQ(external_ids(reg.search_registrants(query("", "", "", std::nullopt, b.id, 2))),
              std::vector<std::string>{"C"});
}

TEST_P(SearchRepositoryTest, AuditSearchFiltersByRecordActorAndTimeWithCursor) {
    const Uuid record = id();
    auto event = [&](const std::string& actor, const char* when) {
        return model::AuditEvent{id(), actor, "registrant", record, "update", "{}", "{}", "why", at(when)};
    };
    const auto e1 = event("ana", "2026-01-01T00:00:00Z");
    const auto e2 = event("bob", "2026-02-01T00:00:00Z");
    const auto e3 = event("ana", "2026-03-01T00:00:00Z");
    for (const auto& e : {e1, e2, e3}) ASSERT_TRUE(store_->audit().append(e).ok());
    ASSERT_TRUE(store_->audit()
                    .append({id(), "ana", "area", id(), "create", "", "{}", "", at("2026-04-01T00:00:00Z")})
                    .ok());
    auto& audit = store_->audit();

    EXPECT_EQ(*audit.search(audit_query(record)), (std::vector{e1, e2, e3}));
    EXPECT_EQ(*audit.search(audit_query(record, "ana")), (std::vector{e1, e3}));
    EXPECT_EQ(*audit.search(audit_query(record, "", at("2026-02-01T00:00:00Z"), at("2026-03-01T00:00:00Z"))),
              std::vector{e2});
    EXPECT_EQ(*audit.search(audit_query(record, "", std::nullopt, std::nullopt, e1.id, 1)), std::vector{e2});
    EXPECT_EQ(audit.search(audit_query(std::nullopt))->size(), 4u);
}

TEST_P(SearchRepositoryTest, UsersAreListedByUsernameWithRoles) {
    model::User zoe{
        id(), "zoe", "Zoe", {model::Role::kAuditor}, "$argon2id$z", true, at("2026-01-01T00:00:00Z")};
    model::User amy{
        id(), "amy", "Amy", {model::Role::kAdministrator}, "$argon2id$a", true, at("2026-01-01T00:00:00Z")};
    ASSERT_TRUE(store_->access().insert_user(zoe).ok());
    ASSERT_TRUE(store_->access().insert_user(amy).ok());
    EXPECT_EQ(*store_->access().list_users(), (std::vector{amy, zoe}));
}

}  // namespace

SPMIS_INSTANTIATE_STORE_TESTS(SearchRepositoryTest);

}  // namespace spmis::store::testing

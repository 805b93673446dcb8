#include "spmis/registry_import/registry_import.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "../store/store_fixture.hpp"

namespace spmis::registry_import {
namespace {

using store::testing::TempDir;

const std::string kHeader =
    "record_type,external_id,household_external_id,membership_kind,name,given_name,family_name,birthdate,sex,"
    "area_code,national_id,phone,disability,income,pmt_score,vulnerability_score,attr:roof:text\n";

const std::string kGoodFile =
    kHeader +
    "group,H1,,,Diallo household,,,,,SN-DK,,,,250.00,18.5,4,tin\n"
    "individual,I1,H1,head,,Amina,Diallo,1985-02-03,female,SN-DK,N1,+2217,no,120.5,,,\n"
    "individual,I2,H1,child,,Awa,Diallo,2023-06-01,female,SN-DK,,,yes,,,,\n"
    "group,H2,,,\"Sow, extended family\",,,,,SN,,,,,,,\n"
    "individual,I3,H2,head,,Moussa,Sow,1950-01-01,male,SN,,,0,,,,\n";

class RegistryImportTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto s = store::open_sqlite_store({dir_.file("spmis.db"), &clock_, 0});
        ASSERT_TRUE(s.ok()) << s.status().to_string();
        store_ = std::move(s).value();
        model::Area country{new_uuid_v7(), "SN", "Senegal", 0, std::nullopt};
        model::Area region{new_uuid_v7(), "SN-DK", "Dakar", 1, country.id};
        ASSERT_TRUE(store_->registry().insert_area(country).ok());
        ASSERT_TRUE(store_->registry().insert_area(region).ok());
    }

    Result<ImportReport> import(const std::string& text) {
        std::istringstream in(text);
        ImportOptions options;
        options.clock = &clock_;
        return import_registry_csv(*store_, in, options);
    }

    model::Registrant get(const std::string& external_id) {
        auto r = store_->registry().find_by_external_id(external_id);
        EXPECT_TRUE(r.ok() && r->has_value()) << external_id;
        return r.ok() && r->has_value() ? **r : model::Registrant{};
    }

    // Imports a bad file over the good one and checks the error and that nothing changed.
    void expect_rejected(const std::string& text, const std::string& line, const std::string& column) {
        auto before = *store_->content_digest();
        auto r = import(text);
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.status().code(), ErrorCode::kInvalidArgument);
        EXPECT_NE(r.status().message().find("line " + line + ", column '" + column + "'"), std::string::npos)
            << r.status().message();
        EXPECT_EQ(*store_->content_digest(), before);
    }

    TempDir dir_;
    FakeClock clock_{from_unix_micros(1'790'000'000'000'000)};
    std::unique_ptr<store::Store> store_;
};

TEST_F(RegistryImportTest, ImportsHouseholdsMembersAndEveryColumn) {
    auto r = import(kGoodFile);
    ASSERT_TRUE(r.ok()) << r.status().to_string();
    EXPECT_EQ(r->rows, 5u);
    EXPECT_EQ(r->groups_created, 2u);
    EXPECT_EQ(r->individuals_created, 3u);
    EXPECT_EQ(r->memberships_changed, 0u);  // first households of new people are not changes
    auto h1 = get("H1");
    EXPECT_EQ(h1.kind, model::RegistrantKind::kGroup);
    EXPECT_EQ(h1.income, (Money{25'000, "USD"}));
    EXPECT_EQ(h1.pmt_score, 18.5);
    EXPECT_EQ(h1.attributes,
              (std::vector<model::CustomAttribute>{{"roof", model::AttributeType::kText, "tin"}}));
    EXPECT_EQ(get("H2").name, "Sow, extended family");
    auto amina = get("I1");
    EXPECT_EQ(amina.name, "Amina Diallo");
    EXPECT_EQ(amina.birthdate, *parse_date("1985-02-03"));
    EXPECT_EQ(amina.sex, model::Sex::kFemale);
    EXPECT_EQ(amina.income, (Money{12'050, "USD"}));
    EXPECT_EQ(amina.area_id, store_->registry().find_area_by_code("SN-DK")->value().id);
    EXPECT_TRUE(get("I2").disability);
    auto members = *store_->registry().list_group_members(h1.id);
    ASSERT_EQ(members.size(), 2u);
    EXPECT_EQ(members[0].kind, model::GroupMembershipKind::kHead);
    EXPECT_EQ(members[1].kind, model::GroupMembershipKind::kChild);
    EXPECT_EQ(*store_->audit().count(), 0);
}

TEST_F(RegistryImportTest, ReimportingTheSameFileChangesNothing) {
    ASSERT_TRUE(import(kGoodFile).ok());
    auto digest = *store_->content_digest();
    clock_.advance(std::chrono::hours(1));
    auto r = import(kGoodFile);
    ASSERT_TRUE(r.ok()) << r.status().to_string();
    EXPECT_EQ(r->unchanged, 5u);
    EXPECT_EQ(r->groups_created + r->individuals_created + r->updated + r->memberships_changed, 0u);
    EXPECT_EQ(*store_->content_digest(), digest);
    EXPECT_EQ(*store_->registry().count_registrants(model::RegistrantKind::kIndividual), 3);
}

TEST_F(RegistryImportTest, AChangedRowUpdatesTheRegistrantWithAnAuditEvent) {
    ASSERT_TRUE(import(kGoodFile).ok());
    auto before = get("I1");
    clock_.advance(std::chrono::hours(1));
    std::string changed = kGoodFile;
    changed.replace(changed.find("+2217"), 5, "+2219");
    auto r = import(changed);
    ASSERT_TRUE(r.ok()) << r.status().to_string();
    EXPECT_EQ(r->updated, 1u);
    EXPECT_EQ(r->unchanged, 4u);
    auto after = get("I1");
    EXPECT_EQ(after.id, before.id);
    EXPECT_EQ(after.phone, "+2219");
    EXPECT_EQ(after.updated_at, clock_.now());
    auto events = *store_->audit().list_for_record(before.id);
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].action, "update");
    EXPECT_NE(events[0].before.find("+2217"), std::string::npos);
    EXPECT_NE(events[0].after.find("+2219"), std::string::npos);
    EXPECT_NE(events[0].reason.find("line 3"), std::string::npos);
}

TEST_F(RegistryImportTest, MovingAMemberToAnotherHouseholdIsAudited) {
    ASSERT_TRUE(import(kGoodFile).ok());
    std::string moved = kGoodFile;
    moved.replace(moved.find("I2,H1,child"), 11, "I2,H2,child");
    auto r = import(moved);
    ASSERT_TRUE(r.ok()) << r.status().to_string();
    EXPECT_EQ(r->memberships_changed, 1u);
    auto groups = *store_->registry().list_groups_of(get("I2").id);
    ASSERT_EQ(groups.size(), 1u);
    EXPECT_EQ(groups[0].group_id, get("H2").id);
    EXPECT_EQ(*store_->audit().count(), 1);
}

TEST_F(RegistryImportTest, AcceptsCrlfBomAndQuotedCommas) {
    std::string text = "\xEF\xBB\xBF" + kHeader.substr(0, kHeader.size() - 1) + "\r\n" +
                       "group,H9,,,\"Diallo, Amina\",,,,,,,,,,,,\r\n";
    auto r = import(text);
    ASSERT_TRUE(r.ok()) << r.status().to_string();
    EXPECT_EQ(get("H9").name, "Diallo, Amina");
}

// A name is one line that shows something: a quoted line break, a lone zero-width space or a
// direction override is refused with its line, and nothing is written.
TEST_F(RegistryImportTest, RefusesNamesThatAreNotOneVisibleLine) {
    for (const std::string& name : {std::string("\"Line one\nline two\""), std::string("\xE2\x80\x8B"),
                                    std::string("ad\xE2\x80\xAEmin")}) {
        auto r = import(kHeader + "group,H9,,," + name + ",,,,,,,,,,,,\n");
        ASSERT_FALSE(r.ok()) << name;
        EXPECT_NE(r.status().message().find("line 2"), std::string::npos) << r.status().message();
    }
    EXPECT_FALSE(store_->registry().find_by_external_id("H9")->has_value());
}

TEST_F(RegistryImportTest, ReportsProgress) {
    std::size_t calls = 0;
    std::istringstream in(kGoodFile);
    ImportOptions options;
    options.progress = [&](std::string_view, std::size_t, std::size_t) { ++calls; };
    ASSERT_TRUE(import_registry_csv(*store_, in, options).ok());
    EXPECT_GT(calls, 0u);
}

TEST_F(RegistryImportTest, RejectsAMissingHeaderColumn) {
    ASSERT_TRUE(import(kGoodFile).ok());
    expect_rejected("record_type,external_id\ngroup,H1\n", "1", "household_external_id");
    expect_rejected(kHeader.substr(0, kHeader.size() - 1) + ",colour\n", "1", "colour");
}

TEST_F(RegistryImportTest, RejectsARowMissingAField) {
    ASSERT_TRUE(import(kGoodFile).ok());
    expect_rejected(kGoodFile + "individual,I4,H1,child,,Ali\n", "7", "family_name");
}

TEST_F(RegistryImportTest, RejectsBadDatesNumbersAndEnums) {
    ASSERT_TRUE(import(kGoodFile).ok());
    expect_rejected(kHeader + "individual,I1,H1,head,,Amina,Diallo,1985-02-30,female,SN-DK,,,no,,,,\n" +
                        "group,H1,,,X,,,,,,,,,,,,\n",
                    "2", "birthdate");
    expect_rejected(kGoodFile + "individual,I5,H1,child,,A,B,2020-01-01,female,SN,,,,,high,,\n", "7",
                    "pmt_score");
    expect_rejected(kGoodFile + "individual,I5,H1,child,,A,B,2020-01-01,female,SN,,,,12.345,,,\n", "7",
                    "income");
    expect_rejected(kGoodFile + "individual,I5,H1,child,,A,B,2020-01-01,F,SN,,,,,,,\n", "7", "sex");
    expect_rejected(kGoodFile + "individual,I5,H1,cousin,,A,B,2020-01-01,male,SN,,,,,,,\n", "7",
                    "membership_kind");
    expect_rejected(kGoodFile + "person,I5,H1,child,,A,B,2020-01-01,male,SN,,,,,,,\n", "7", "record_type");
}

TEST_F(RegistryImportTest, RejectsUnknownHouseholdsAndAreas) {
    ASSERT_TRUE(import(kGoodFile).ok());
    expect_rejected(kGoodFile + "individual,I5,H404,child,,A,B,2020-01-01,male,SN,,,,,,,\n", "7",
                    "household_external_id");
    expect_rejected(kGoodFile + "individual,I5,I1,child,,A,B,2020-01-01,male,SN,,,,,,,\n", "7",
                    "household_external_id");
    expect_rejected(kGoodFile + "individual,I5,H1,child,,A,B,2020-01-01,male,XX-99,,,,,,,\n", "7",
                    "area_code");
}

TEST_F(RegistryImportTest, RejectsDuplicateExternalIdsWithinTheFile) {
    ASSERT_TRUE(import(kGoodFile).ok());
    expect_rejected(kGoodFile + "individual,I2,H1,child,,A,B,2020-01-01,male,SN,,,,,,,\n", "7",
                    "external_id");
}

TEST_F(RegistryImportTest, RejectsAKindChangeOfAnExistingRecord) {
    ASSERT_TRUE(import(kGoodFile).ok());
    expect_rejected(kHeader + "group,I1,,,Not a person,,,,,,,,,,,,\n", "2", "record_type");
}

TEST_F(RegistryImportTest, ABadFileOnAnEmptyDatabaseLeavesItEmpty) {
    auto r = import(kGoodFile + "individual,I9,H1,child,,A,B,2020-13-01,male,SN,,,,,,,\n");
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.status().message().find("line 7, column 'birthdate'"), std::string::npos);
    EXPECT_EQ(*store_->registry().count_registrants(model::RegistrantKind::kGroup), 0);
    EXPECT_EQ(*store_->registry().count_registrants(model::RegistrantKind::kIndividual), 0);
}

}  // namespace
}  // namespace spmis::registry_import

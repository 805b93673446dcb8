// Streamed entitlement generation (group programs): amounts of the worked example, households over
// several pages, rollback when over budget or on a rule error, idempotence, enrolled members only,
// and the same amounts as the two-pass path on the demo data.

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <map>
#include <set>

#include "../store/store_fixture.hpp"
#include "demo_fixture.hpp"
#include "spmis/programs/cycles.hpp"
#include "spmis/programs/enrollment.hpp"
#include "spmis/programs/entitlements.hpp"

namespace spmis::programs {
namespace {

constexpr const char* kChildGrant =
    "30 + 10 * group.members.filter(m, m.age < 5).size() + 5 * group.members.filter(m, m.age >= 60).size()";

Date day(int y, unsigned m, unsigned d) {
    return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

class StreamedGenerationTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto opened = store::open_store_in_directory(dir_.path());
        ASSERT_TRUE(opened.ok()) << opened.status().to_string();
        store_ = std::move(*opened);
        program_ = grant(kChildGrant);
    }

    model::Program grant(const std::string& rule) {
        model::Program p;
        p.id = new_uuid_v7();
        p.code = "GRANT_" + p.id.to_string().substr(24);
        p.name = "Child grant";
        p.target = model::TargetType::kGroup;
        p.kind = model::EntitlementKind::kCash;
        p.eligibility_cel = "true";
        p.currency = "USD";
        p.rule = {model::AmountRuleKind::kCel, 0, rule};
        p.created_at = SystemClock::instance().now();
        EXPECT_TRUE(store_->programs().insert_program(p).ok());
        return p;
    }

    model::Registrant person(model::RegistrantKind kind, std::optional<Date> born,
                             std::optional<Uuid> id = {},
                             std::vector<model::CustomAttribute> attributes = {}) {
        model::Registrant r;
        r.id = id.value_or(new_uuid_v7());
        r.attributes = std::move(attributes);
        r.kind = kind;
        r.name = r.given_name = "r" + r.id.to_string().substr(30);
        r.birthdate = born;
        r.created_at = r.updated_at = SystemClock::instance().now();
        EXPECT_TRUE(store_->registry().insert_registrant(r).ok());
        return r;
    }

    // A household whose members were born on `births`, with a membership of `program` in `state`.
    Uuid household(const std::vector<const char*>& births,
                   model::MembershipState state = model::MembershipState::kEnrolled,
                   const model::Program* program = nullptr) {
        const auto group = person(model::RegistrantKind::kGroup, std::nullopt);
        for (const char* born : births) {
            const auto member = person(model::RegistrantKind::kIndividual, *parse_date(born));
            EXPECT_TRUE(store_->registry()
                            .put_group_membership({group.id, member.id, model::GroupMembershipKind::kOther})
                            .ok());
        }
        model::ProgramMembership m;
        m.id = new_uuid_v7();
        m.program_id = (program != nullptr ? *program : program_).id;
        m.registrant_id = group.id;
        m.state = state;
        m.created_at = m.updated_at = SystemClock::instance().now();
        EXPECT_TRUE(store_->programs().insert_membership(m).ok());
        return group.id;
    }

    model::Cycle cycle(std::optional<std::int64_t> budget = std::nullopt) {
        auto c = create_cycle(*store_, program_.id,
                              {"November", day(2026, 11, 1), day(2026, 11, 30), budget, "t"});
        EXPECT_TRUE(c.ok()) << c.status().to_string();
        return c.ok() ? *c : model::Cycle{};
    }

    // Amount (minor units) of each registrant's entitlement in the cycle.
    std::map<Uuid, std::int64_t> amounts(const model::Cycle& c) {
        std::map<Uuid, std::int64_t> out;
        auto listed = store_->delivery().list_entitlements(c.id);
        EXPECT_TRUE(listed.ok());
        for (const auto& e : *listed) out[e.registrant_id] = e.amount.minor_units;
        return out;
    }

    std::size_t generate_events(const model::Cycle& c) {
        std::size_t n = 0;
        auto events = store_->audit().list_for_record(c.id);
        EXPECT_TRUE(events.ok());
        for (const auto& e : *events) n += e.action == "generate" ? 1 : 0;
        return n;
    }

    store::testing::TempDir dir_;
    std::unique_ptr<store::Store> store_;
    model::Program program_;
};

// Born so that at 2026-11-01: two under 5, one aged 60+, one adult -> 30 + 20 + 5 = 55.00.
const std::vector<const char*> kWorkedExample = {"2024-01-01", "2023-06-30", "1950-03-03", "1990-01-01"};

TEST_F(StreamedGenerationTest, GivesTheWorkedExampleAmounts) {
    const Uuid example = household(kWorkedExample);
    const Uuid adults = household({"1980-05-05", "1982-07-07"});
    const auto c = cycle();
    auto report = generate_entitlements(*store_, c.id);
    ASSERT_TRUE(report.ok()) << report.status().to_string();
    EXPECT_EQ(report->created, 2u);
    EXPECT_EQ(report->beneficiaries, 2u);
    EXPECT_EQ(report->total, (Money{8500, "USD"}));
    const auto got = amounts(c);
    ASSERT_EQ(got.size(), 2u);
    EXPECT_EQ(got.at(example), 5500);
    EXPECT_EQ(got.at(adults), 3000);
    EXPECT_EQ(generate_events(c), 1u);
}

TEST_F(StreamedGenerationTest, HouseholdsOverSeveralPagesEachGetTheirOwnMembers) {
    std::map<Uuid, std::int64_t> expected;
    for (int i = 0; i < 7; ++i) {
        // Households alternate: the worked example (55.00) and one toddler (40.00); a draft
        // household full of toddlers sits between them and must lend its members to nobody.
        const bool example = i % 2 == 0;
        expected[household(example ? kWorkedExample : std::vector<const char*>{"2025-02-02"})] =
            example ? 5500 : 4000;
        household({"2024-03-03", "2024-04-04", "2024-05-05"}, model::MembershipState::kDraft);
    }
    const auto c = cycle();
    GenerateOptions options;
    options.page_size = 3;
    auto report = generate_entitlements(*store_, c.id, options);
    ASSERT_TRUE(report.ok()) << report.status().to_string();
    EXPECT_EQ(report->created, 7u);
    EXPECT_EQ(amounts(c), expected);
}

// A v7 id minted `days` after now (version 7, RFC variant, random-looking tail), or a v4 one.
Uuid minted(int days, int version = 7) {
    auto bytes = new_uuid_v7().bytes();
    const auto millis = static_cast<std::uint64_t>(new_uuid_v7().unix_millis() + days * 86'400'000LL);
    for (int i = 0; i < 6; ++i)
        bytes[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(millis >> (40 - 8 * i));
    bytes[6] = static_cast<std::uint8_t>((bytes[6] & 0x0f) | (version << 4));
    return Uuid(bytes);
}

TEST_F(StreamedGenerationTest, MembersMintedLongAfterTheirHouseholdAreRead) {
    // Members registered a year later (a newborn) or with a non-v7 id sit far from their household
    // in id order: the scan reads them with a range of their own.
    program_ = grant(
        "30 + 10 * group.members.filter(m, m.age < 5).size() + "
        "100 * group.members.filter(m, has(m.twin) && m.twin == true).size()");
    const Uuid first = household({"1980-01-01"});
    const auto group = person(model::RegistrantKind::kGroup, std::nullopt);
    for (const auto& id : {minted(365), minted(0, 4), minted(400)}) {
        person(model::RegistrantKind::kIndividual, *parse_date("2025-01-01"), id,
               {{"twin", model::AttributeType::kBoolean, "true"}});
        ASSERT_TRUE(
            store_->registry().put_group_membership({group.id, id, model::GroupMembershipKind::kChild}).ok());
    }
    model::ProgramMembership m;
    m.id = new_uuid_v7();
    m.program_id = program_.id;
    m.registrant_id = group.id;
    m.state = model::MembershipState::kEnrolled;
    ASSERT_TRUE(store_->programs().insert_membership(m).ok());
    const Uuid last = household({"2024-12-12"});
    const auto c = cycle();
    GenerateOptions options;
    options.page_size = 2;
    auto report = generate_entitlements(*store_, c.id, options);
    ASSERT_TRUE(report.ok()) << report.status().to_string();
    EXPECT_EQ(amounts(c),
              (std::map<Uuid, std::int64_t>{{first, 3000}, {group.id, 3000 + 3 * 11000}, {last, 4000}}));
}

TEST_F(StreamedGenerationTest, OverBudgetRollsBackPagesAlreadyInserted) {
    for (int i = 0; i < 5; ++i) household(kWorkedExample);
    const auto c = cycle(20'000);  // 200.00 USD: the first pages fit, the whole does not
    GenerateOptions options;
    options.page_size = 2;
    auto report = generate_entitlements(*store_, c.id, options);
    ASSERT_TRUE(report.ok()) << report.status().to_string();
    EXPECT_TRUE(report->over_budget);
    EXPECT_EQ(report->created, 0u);
    EXPECT_EQ(report->total.minor_units, 5 * 5500);
    EXPECT_NE(format_report(*report).find("exceeds the cycle budget 200.00 USD"), std::string::npos)
        << format_report(*report);
    EXPECT_TRUE(amounts(c).empty());
    EXPECT_EQ(generate_events(c), 0u);
}

TEST_F(StreamedGenerationTest, ARuleErrorWritesNothing) {
    program_ = grant("30 / group.members.filter(m, m.age < 5).size()");  // no toddler: division by 0
    household({"2024-01-01"});
    const Uuid childless = household({"1980-01-01"});
    household({"2025-01-01"});
    const auto c = cycle();
    GenerateOptions options;
    options.page_size = 1;
    auto report = generate_entitlements(*store_, c.id, options);
    ASSERT_TRUE(report.ok()) << report.status().to_string();
    EXPECT_EQ(report->errored, 1u);
    ASSERT_EQ(report->first_errors.size(), 1u);
    EXPECT_EQ(report->first_errors.front().registrant, childless);
    EXPECT_EQ(report->created, 0u);
    EXPECT_TRUE(amounts(c).empty());
}

TEST_F(StreamedGenerationTest, RegeneratingAddsOnlyNewlyEnrolledHouseholds) {
    household(kWorkedExample);
    household({"1970-01-01"});
    const auto c = cycle();
    ASSERT_TRUE(generate_entitlements(*store_, c.id).ok());
    auto again = generate_entitlements(*store_, c.id);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->created, 0u);
    EXPECT_EQ(again->already_entitled, 2u);
    EXPECT_EQ(amounts(c).size(), 2u);
    const Uuid late = household({"2025-06-06"});
    auto third = generate_entitlements(*store_, c.id);
    ASSERT_TRUE(third.ok());
    EXPECT_EQ(third->created, 1u);
    EXPECT_EQ(third->already_entitled, 2u);
    EXPECT_EQ(third->total.minor_units, 5500 + 3000 + 4000);
    EXPECT_EQ(amounts(c).at(late), 4000);
}

TEST_F(StreamedGenerationTest, OnlyEnrolledMembershipsAreEntitled) {
    const Uuid enrolled = household({"1980-01-01"});
    household({"1980-01-01"}, model::MembershipState::kDraft);
    household({"1980-01-01"}, model::MembershipState::kPaused);
    household({"1980-01-01"}, model::MembershipState::kNotEligible);
    const auto other = grant(kChildGrant);
    household({"1980-01-01"}, model::MembershipState::kEnrolled, &other);  // enrolled elsewhere
    const auto c = cycle();
    auto report = generate_entitlements(*store_, c.id);
    ASSERT_TRUE(report.ok()) << report.status().to_string();
    EXPECT_EQ(report->beneficiaries, 1u);
    EXPECT_EQ(amounts(c), (std::map<Uuid, std::int64_t>{{enrolled, 3000}}));
}

// Inside a transaction that has already written (here: a household enrolled), a second connection
// would not see the write: generation reads on the writer's own connection and entitles it.
TEST_F(StreamedGenerationTest, SeesTheHouseholdsItsOwnTransactionEnrolled) {
    const Uuid before = household({"1980-01-01"});
    const auto c = cycle();
    Uuid during;
    Result<GenerationReport> report = GenerationReport{};
    ASSERT_TRUE(store_
                    ->transaction([&]() -> Status {
                        during = household({"2024-01-01", "1980-01-01"});
                        report = generate_entitlements(*store_, c.id);
                        return report.status();
                    })
                    .ok())
        << report.status().to_string();
    EXPECT_EQ(report->created, 2u);
    EXPECT_EQ(amounts(c), (std::map<Uuid, std::int64_t>{{before, 3000}, {during, 4000}}));
}

// A write that fails while pages are still being read ahead: the reading thread is stopped, the
// error is returned and nothing of the pages already inserted stays.
TEST_F(StreamedGenerationTest, ReadingAheadStopsWhenAPageCannotBeWritten) {
    for (int i = 0; i < 40; ++i) household({"1980-01-01"});
    const auto c = cycle();
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open((dir_.path() + "/spmis.db").c_str(), &raw), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(raw,
                           "CREATE TRIGGER full_after_ten BEFORE INSERT ON entitlements "
                           "WHEN (SELECT count(*) FROM entitlements) >= 10 "
                           "BEGIN SELECT RAISE(ABORT, 'simulated full disk'); END",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(raw);
    GenerateOptions options;
    options.page_size = 2;
    auto report = generate_entitlements(*store_, c.id, options);
    ASSERT_FALSE(report.ok());
    EXPECT_NE(report.status().message().find("simulated full disk"), std::string::npos)
        << report.status().to_string();
    EXPECT_TRUE(amounts(c).empty());
    EXPECT_EQ(generate_events(c), 0u);
}

class StreamedDemoTest : public testing::DemoStoreTest {
protected:
    // Amounts of a streamed and of a two-pass (scaling allowed) generation of `program`.
    void expect_both_paths_agree(const model::Program& program);
};

// The streamed path and the two-pass one (taken when scaling is allowed) agree on the demo data.
TEST_F(StreamedDemoTest, GivesTheSameAmountsAsTheTwoPassPath) {
    expect_both_paths_agree(program("CHILD_GRANT"));
}

// Custom attributes of households and of members reach the rule the same way on both paths.
TEST_F(StreamedDemoTest, RulesReadingCustomAttributesAgreeWithTheTwoPassPath) {
    auto p = program("CHILD_GRANT");
    p.id = new_uuid_v7();
    p.code = "ATTRIBUTE_GRANT";
    p.rule.cel =
        "30 + (group.farm_hectares > 1.5 ? 20 : 0) + "
        "7 * group.members.filter(m, has(m.school_enrolled) && m.school_enrolled == true).size()";
    ASSERT_TRUE(store_->programs().insert_program(p).ok());
    expect_both_paths_agree(p);
}

void StreamedDemoTest::expect_both_paths_agree(const model::Program& program) {
    EnrollmentOptions eo;
    eo.reference = demo::kDemoReferenceDate;
    ASSERT_TRUE(enroll(*store_, program.id, eo).ok());
    std::vector<std::map<Uuid, std::int64_t>> results;
    // Streamed reading ahead on a second connection, streamed on one, and two-pass.
    const std::pair<bool, bool> paths[] = {{false, true}, {false, false}, {true, true}};
    for (auto [scale, read_ahead] : paths) {
        auto c = create_cycle(*store_, program.id,
                              {"Nov", day(2026, 11, 1), day(2026, 11, 30), std::nullopt, "t"});
        ASSERT_TRUE(c.ok()) << c.status().to_string();
        GenerateOptions options;
        options.scale_to_budget = scale;  // no budget: nothing is scaled, only the path differs
        options.read_ahead = read_ahead;
        options.page_size = 16;
        auto report = generate_entitlements(*store_, c->id, options);
        ASSERT_TRUE(report.ok()) << report.status().to_string();
        EXPECT_EQ(report->errored, 0u);
        std::map<Uuid, std::int64_t> amounts;
        auto listed = store_->delivery().list_entitlements(c->id);
        ASSERT_TRUE(listed.ok());
        for (const auto& e : *listed) amounts[e.registrant_id] = e.amount.minor_units;
        EXPECT_EQ(amounts.size(), report->created);
        results.push_back(amounts);
    }
    ASSERT_EQ(results.size(), 3u);
    EXPECT_GT(results[0].size(), 16u);
    EXPECT_EQ(results[0], results[1]);
    EXPECT_EQ(results[0], results[2]);
    std::set<std::int64_t> distinct;
    for (const auto& [id, amount] : results[0]) distinct.insert(amount);
    EXPECT_GT(distinct.size(), 2u);  // the rule's inputs really vary
}

}  // namespace
}  // namespace spmis::programs

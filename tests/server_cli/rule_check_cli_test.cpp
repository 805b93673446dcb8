// Runs the real `spmis-server rule check` on small demo registries: its counts against the
// personas' written-down expectations and against counts computed here from the store, its
// compile errors and exit codes, and that it leaves the database file byte for byte as it was.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <string>

#include "../store/store_fixture.hpp"
#include "spmis/demo/demo_data.hpp"
#include "spmis/demo/personas.hpp"
#include "support/server_process.hpp"

namespace spmis::server {
namespace {

test::CliRun run(const std::string& args) { return test::run_server_cli(args); }

nlohmann::json run_json(const std::string& args) {
    auto r = run(args + " --json");
    EXPECT_EQ(r.exit_code, 0) << r.out;
    auto j = nlohmann::json::parse(r.out, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << r.out;
    return j;
}

std::string read_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::set<std::string> example_ids(const nlohmann::json& j) {
    std::set<std::string> out;
    for (const auto& e : j["examples"]) out.insert(e["id"].get<std::string>());
    return out;
}

// Whole years at the demo reference date, computed without the CEL engine.
int age_at(const Date& birth) {
    const Date ref = demo::kDemoReferenceDate;
    int years = static_cast<int>(ref.year()) - static_cast<int>(birth.year());
    const bool before =
        ref.month() < birth.month() || (ref.month() == birth.month() && ref.day() < birth.day());
    return years - (before ? 1 : 0);
}

// Direct counts over the store: households with a child under 5, with at least 6 members, and
// individuals aged 65 or more.
struct DirectCounts {
    std::size_t households = 0;
    std::size_t with_young_child = 0;
    std::size_t with_six_members = 0;
    std::size_t aged_65 = 0;
};

DirectCounts direct_counts(const std::string& dir) {
    auto store = store::open_store_in_directory(dir);
    EXPECT_TRUE(store.ok());
    std::map<std::string, int> ages;
    DirectCounts c;
    EXPECT_TRUE((*store)
                    ->registry()
                    .for_each_registrant(model::RegistrantKind::kIndividual,
                                         [&](const model::Registrant& r) {
                                             ages[r.id.to_string()] = r.birthdate ? age_at(*r.birthdate) : 0;
                                             c.aged_65 += ages[r.id.to_string()] >= 65 ? 1 : 0;
                                             return Status{};
                                         })
                    .ok());
    std::vector<Uuid> groups;
    EXPECT_TRUE((*store)
                    ->registry()
                    .for_each_registrant(model::RegistrantKind::kGroup,
                                         [&](const model::Registrant& r) {
                                             groups.push_back(r.id);
                                             return Status{};
                                         })
                    .ok());
    for (const auto& g : groups) {
        auto members = (*store)->registry().list_group_members(g);
        bool young = false;
        for (const auto& m : *members) young = young || ages[m.individual_id.to_string()] < 5;
        ++c.households;
        c.with_young_child += young ? 1 : 0;
        c.with_six_members += members->size() >= 6 ? 1 : 0;
    }
    return c;
}

class RuleCheckCliTest : public ::testing::Test {
protected:
    void demo(int households) {
        auto r = run("demo --data " + dir_.file("data") + " --households " + std::to_string(households) +
                     " --seed 3");
        ASSERT_EQ(r.exit_code, 0) << r.out;
    }
    std::string check(const std::string& args) const {
        return "rule check --data " + dir_.file("data") + " --reference-date 2026-11-01 " + args;
    }

    store::testing::TempDir dir_;
};

TEST_F(RuleCheckCliTest, MatchesThePersonasExpectationsForEachDemoProgram) {
    demo(0);
    const auto& personas = demo::persona_households();
    for (const std::string code : {"CHILD_GRANT", "EMERGENCY_RELIEF", "FOOD_BASKET"}) {
        std::set<std::string> expected;
        for (std::size_t i = 0; i < personas.size(); ++i) {
            if (personas[i].expected.at(code)) expected.insert(demo::persona_id(i).to_string());
        }
        auto j = run_json(check("--program " + code + " --examples 100"));
        EXPECT_EQ(j["evaluated"], personas.size()) << code;
        EXPECT_EQ(j["matching"], expected.size()) << code;
        EXPECT_EQ(j["not_matching"], personas.size() - expected.size()) << code;
        EXPECT_EQ(j["errored"], 0) << code;
        EXPECT_EQ(example_ids(j), expected) << code;
    }
    std::set<std::string> pensioners;
    for (std::size_t i = 0; i < personas.size(); ++i) {
        for (std::size_t m = 0; m < personas[i].members.size(); ++m) {
            if (personas[i].members[m].pension_eligible)
                pensioners.insert(demo::persona_id(i, m + 1).to_string());
        }
    }
    auto pension = run_json(check("--program ELDERLY_PENSION --examples 100"));
    EXPECT_EQ(pension["target"], "individual");
    EXPECT_EQ(example_ids(pension), pensioners);
    EXPECT_EQ(pension["examples"][0]["name"].get<std::string>().empty(), false);
}

TEST_F(RuleCheckCliTest, CountsAgreeWithADirectCountAndTheDatabaseIsUnchanged) {
    demo(60);
    const std::string db = dir_.file("data") + "/spmis.db";
    const std::string before = read_bytes(db);
    ASSERT_FALSE(before.empty());
    const auto direct = direct_counts(dir_.file("data"));
    ASSERT_EQ(read_bytes(db), before);  // reading through the store writes nothing either

    auto young = run_json(check("--expr 'group.members.exists(m, m.age < 5)' --examples 3"));
    EXPECT_EQ(young["evaluated"], direct.households);
    EXPECT_EQ(young["matching"], direct.with_young_child);
    EXPECT_EQ(young["examples"].size(), 3u);
    auto old = run_json(check("--expr 'individual.age >= 65' --target individual"));
    EXPECT_EQ(old["matching"], direct.aged_65);

    // Households with fewer than six members make the rule an error: counted, not fatal.
    auto sixth = run_json(check("--expr 'group.members[5].age >= 0'"));
    EXPECT_EQ(sixth["matching"], direct.with_six_members);
    EXPECT_EQ(sixth["not_matching"], 0);
    EXPECT_EQ(sixth["errored"], direct.households - direct.with_six_members);
    ASSERT_FALSE(sixth["errors"].empty());
    EXPECT_EQ(sixth["errors"][0]["id"].get<std::string>().size(), 36u);

    auto text = run(check("--program CHILD_GRANT --examples 2"));
    ASSERT_EQ(text.exit_code, 0) << text.out;
    EXPECT_NE(text.out.find("evaluated " + std::to_string(direct.households) + " households at 2026-11-01: " +
                            std::to_string(direct.with_young_child) + " match"),
              std::string::npos)
        << text.out;
    EXPECT_NE(text.out.find("examples:\n"), std::string::npos) << text.out;
    EXPECT_EQ(read_bytes(db), before);
}

TEST_F(RuleCheckCliTest, ReportsCompileErrorsAndBadUsageWithExitCodes) {
    demo(0);
    auto syntax = run(check("--expr 'group.members.filter(m, m.age < ).size() > 0'"));
    EXPECT_EQ(syntax.exit_code, exit_code_for(ErrorCode::kRuleError));
    EXPECT_NE(syntax.out.find("<input>:1:33"), std::string::npos) << syntax.out;
    EXPECT_NE(syntax.out.find("^"), std::string::npos) << syntax.out;
    auto unknown = run(check("--expr 'grup.size > 2' --json"));
    EXPECT_EQ(unknown.exit_code, exit_code_for(ErrorCode::kRuleError));
    auto j = nlohmann::json::parse(unknown.out, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << unknown.out;
    EXPECT_EQ(j["error"]["line"], 1);
    EXPECT_EQ(j["error"]["column"], 1);
    EXPECT_EQ(run(check("--program NOPE")).exit_code, exit_code_for(ErrorCode::kNotFound));
    EXPECT_EQ(run(check("")).exit_code, exit_code_for(ErrorCode::kInvalidArgument));
    EXPECT_EQ(run(check("--program CHILD_GRANT --expr 'true'")).exit_code,
              exit_code_for(ErrorCode::kInvalidArgument));
    EXPECT_EQ(run(check("--expr 'true' --target household")).exit_code,
              exit_code_for(ErrorCode::kInvalidArgument));
    auto missing = run("rule check --data " + dir_.file("nowhere") + " --expr true");
    EXPECT_EQ(missing.exit_code, exit_code_for(ErrorCode::kNotFound)) << missing.out;
    EXPECT_FALSE(std::filesystem::exists(dir_.file("nowhere")));
}

}  // namespace
}  // namespace spmis::server

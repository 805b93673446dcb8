// Rules as data: every folder tests/data/sync/<case>/ holds input.json and expected.json; a new
// conflict case is a new folder, run by this one parameterised test.

#include "spmis/sync/conflict_rules.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "data_cases.hpp"

namespace spmis::sync {
namespace {

using nlohmann::json;
using testing::case_names;
namespace fs = std::filesystem;

const fs::path kCases = fs::path(SPMIS_SOURCE_DIR) / "tests/data/sync";

json read_json(const fs::path& p) { return testing::read_case_json(p); }

Uuid id(const json& j) { return *Uuid::parse(j.get<std::string>()); }

template <typename E>
E state(const json& j) {
    return *model::parse_enum<E>(j.get<std::string>());
}

Decision run_redemption(const json& in) {
    std::optional<EntitlementFacts> facts;
    if (!in["entitlement"].is_null()) {
        const json& e = in["entitlement"];
        facts = EntitlementFacts{state<model::EntitlementState>(e["state"]),
                                 *parse_date(e["valid_until"].get<std::string>()), e["entitled_milli"]};
    }
    return decide_redemption(id(in["redemption_id"]), id(in["entitlement_id"]), facts,
                             in["redeemed_before_milli"], in["quantity_milli"],
                             *parse_date(in["today"].get<std::string>()));
}

Decision run_membership(const json& in) {
    std::optional<model::MembershipState> server;
    if (!in["server_state"].is_null()) server = state<model::MembershipState>(in["server_state"]);
    return decide_membership_transition(id(in["membership_id"]), server,
                                        state<model::MembershipState>(in["expected"]),
                                        state<model::MembershipState>(in["target"]));
}

FieldDecision run_field_update(const json& in) {
    std::map<std::string, FieldChange> changes;
    for (const auto& [field, c] : in["changes"].items()) changes[field] = {c["value"], c["base_version"]};
    return decide_field_update(id(in["registrant_id"]), changes,
                               in["server_versions"].get<std::map<std::string, std::int64_t>>());
}

void expect_decision(const Decision& d, const json& expected) {
    EXPECT_EQ(to_string(d.disposition), expected["disposition"].get<std::string>()) << d.reason;
    EXPECT_EQ(d.apply, expected["apply"].get<bool>());
    std::vector<std::string> keys;
    for (const auto& c : d.cases) keys.push_back(c.key);
    EXPECT_EQ(keys, expected["case_keys"].get<std::vector<std::string>>());
    if (d.disposition != Disposition::kAccepted || !d.cases.empty()) {
        EXPECT_FALSE(d.reason.empty()) << "every non-plain outcome must say why";
    }
}

class ConflictRuleCase : public ::testing::TestWithParam<std::string> {};

TEST_P(ConflictRuleCase, MatchesExpectedOutcome) {
    json in = read_json(kCases / GetParam() / "input.json");
    json expected = read_json(kCases / GetParam() / "expected.json");
    const std::string rule = in["rule"];
    if (rule == "redemption") {
        expect_decision(run_redemption(in), expected);
    } else if (rule == "attendance") {
        std::optional<Uuid> first;
        if (!in["first_record"].is_null()) first = id(in["first_record"]);
        expect_decision(decide_attendance(first), expected);
    } else if (rule == "membership") {
        expect_decision(run_membership(in), expected);
    } else if (rule == "field_update") {
        FieldDecision fd = run_field_update(in);
        expect_decision(fd.decision, expected);
        EXPECT_EQ(fd.apply, expected["applied"].get<std::vector<std::string>>());
    } else if (rule == "clock") {
        TimeClaim claim;
        claim.wall = *parse_time(in["claim"]["wall"].get<std::string>());
        claim.monotonic_ms = in["claim"]["monotonic_ms"];
        if (in["claim"].contains("anchor_server_time")) {
            claim.anchor_server_time = *parse_time(in["claim"]["anchor_server_time"].get<std::string>());
            claim.anchor_monotonic_ms = in["claim"]["anchor_monotonic_ms"].get<std::int64_t>();
        }
        auto skew = clock_skew(claim, *parse_time(in["received_at"].get<std::string>()));
        EXPECT_EQ(skew.has_value(), expected["skewed"].get<bool>()) << skew.value_or("");
    } else {
        FAIL() << "unknown rule '" << rule << "' in case " << GetParam();
    }
}

INSTANTIATE_TEST_SUITE_P(Cases, ConflictRuleCase, ::testing::ValuesIn(case_names(kCases)),
                         [](const auto& info) { return info.param; });

TEST(ConflictRulesTest, CaseFolderIsPresent) { EXPECT_GE(case_names(kCases).size(), 20u); }

}  // namespace
}  // namespace spmis::sync

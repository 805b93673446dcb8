// Scope rules as data: every folder tests/data/sync_scope/<case>/ holds input.json (an operation kind,
// what it touches, the device's service points) and expected.json (the answer, and whether the
// store's record stayed as it was). The operation goes through the real SyncServer push on a real
// store; a new case is a new folder.

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "data_cases.hpp"
#include "spmis/model/record_json.hpp"
#include "sync_fixture.hpp"

namespace spmis::sync::testing {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

const fs::path kCases = fs::path(SPMIS_SOURCE_DIR) / "tests/data/sync_scope";

json read_json(const fs::path& p) { return read_case_json(p); }

// A household served only at SP2: its member, its program membership and an entitlement at SP2.
struct OtherSite {
    Uuid household = new_uuid_v7();
    Uuid member = new_uuid_v7();
    Uuid membership = new_uuid_v7();
};

class ScopeRuleCase : public SyncServerTest, public ::testing::WithParamInterface<std::string> {
protected:
    void SetUp() override {
        SyncServerTest::SetUp();
        if (HasFatalFailure()) return;
        Status seeded = store_->transaction([&]() -> Status {
            model::Registrant hh;
            hh.id = other_.household;
            hh.kind = model::RegistrantKind::kGroup;
            hh.name = "Household Wanjiru";
            model::Registrant m;
            m.id = other_.member;
            m.name = "Mary Wanjiru";
            m.given_name = "Mary";
            m.family_name = "Wanjiru";
            SPMIS_RETURN_IF_ERROR(store_->registry().insert_registrant(hh));
            SPMIS_RETURN_IF_ERROR(store_->registry().insert_registrant(m));
            SPMIS_RETURN_IF_ERROR(store_->registry().put_group_membership(
                {other_.household, other_.member, model::GroupMembershipKind::kHead}));
            model::ProgramMembership pm;
            pm.id = other_.membership;
            pm.program_id = w_.program;
            pm.registrant_id = other_.household;
            pm.state = model::MembershipState::kEnrolled;
            SPMIS_RETURN_IF_ERROR(store_->programs().insert_membership(pm));
            SPMIS_ASSIGN_OR_RETURN(model::Entitlement e,
                                   store_->delivery().get_entitlement(w_.sp2_entitlement));
            e.id = new_uuid_v7();
            e.registrant_id = other_.household;
            return store_->delivery().insert_entitlement(e);
        });
        ASSERT_TRUE(seeded.ok()) << seeded.to_string();
    }

    std::vector<Uuid> scope(const json& names) const {
        std::vector<Uuid> out;
        for (const auto& n : names) out.push_back(n == "sp1" ? w_.sp1 : w_.sp2);
        return out;
    }

    // What the case's subject looks like in the store now (compared before and after the push).
    std::string snapshot(const std::string& subject) {
        if (subject.find("member") != std::string::npos && subject.find("membership") == std::string::npos) {
            const Uuid id = subject.rfind("other", 0) == 0 ? other_.member : w_.member;
            return model::registrant_json(*store_->registry().get_registrant(id));
        }
        if (subject.find("membership") != std::string::npos) {
            const Uuid id = subject.rfind("other", 0) == 0 ? other_.membership : w_.membership;
            return std::string(model::to_string(store_->programs().get_membership(id)->state));
        }
        if (subject.find("redemption") != std::string::npos ||
            subject.find("entitlement") != std::string::npos)
            return std::to_string(redeemed(w_.entitlement)) + "/" +
                   std::to_string(redeemed(w_.sp2_entitlement));
        return std::to_string(*store_->registry().count_registrants(model::RegistrantKind::kIndividual));
    }

    Operation operation(SimDevice& d, const std::string& op_type, const std::string& subject) {
        if (op_type == "registrant.update") {
            const Uuid id = subject.rfind("other", 0) == 0 ? other_.member : w_.member;
            const std::string name =
                subject.find("bad_text") != std::string::npos ? "Gr\x1b[2Jace" : "Renamed";
            return d.next("registrant.update", "registrant", id, {{"fields", {{"given_name", name}}}},
                          {{"field_versions", json::object()}}, std::nullopt);
        }
        if (op_type == "membership.transition")
            return d.transition(subject.rfind("other", 0) == 0 ? other_.membership : w_.membership,
                                "enrolled", "paused");
        if (op_type == "registrant.create") {
            Operation op =
                d.next("registrant.create", "registrant", new_uuid_v7(),
                       {{"given_name", "New"}, {"family_name", "Baby"}, {"membership_kind", "child"}},
                       json::object(), std::nullopt);
            if (subject != "no_household") {
                // Routing is part of the hash: rebuild the chain link with the household set.
                d.tip = before_tip_;
                op.routing.household = subject.rfind("other", 0) == 0 ? other_.household : w_.household;
                chain_append(d.tip, op);
            }
            return op;
        }
        if (op_type == "redemption.record") return d.redeem(w_.sp2_entitlement, w_.sp2, 1'000);
        return d.next("redemption.void", "redemption", voided_, {{"redemption_id", voided_.to_string()}},
                      json::object(), w_.sp1);
    }

    OtherSite other_;
    ChainTip before_tip_;
    Uuid voided_;
};

TEST_P(ScopeRuleCase, IsAnsweredAsExpectedAndARefusalChangesNothing) {
    const json in = read_json(kCases / GetParam() / "input.json");
    const json expected = read_json(kCases / GetParam() / "expected.json");
    const std::string op_type = in["op_type"];
    const std::string subject = in["subject"];
    SimDevice device = enroll(scope(in["device_scope"]));
    if (op_type == "redemption.void") {
        // The redemption to void: recorded by this device, or by another device at SP1.
        SimDevice recorder = subject == "own_redemption" ? device : enroll({w_.sp1});
        Operation redeemed_op = recorder.redeem(w_.entitlement, w_.sp1, 5'000);
        ASSERT_EQ(push(recorder, {redeemed_op})->results[0].disposition, Disposition::kAccepted);
        voided_ = redeemed_op.record_id;
        if (subject == "own_redemption") device = recorder;
    }
    const std::string before = snapshot(subject);
    before_tip_ = device.tip;
    const Operation op = operation(device, op_type, subject);
    auto answer = push(device, {op});
    ASSERT_TRUE(answer.ok()) << answer.status().to_string();
    ASSERT_EQ(answer->results.size(), 1u);
    const OpResult& r = answer->results[0];
    EXPECT_EQ(to_string(r.disposition), expected["disposition"].get<std::string>()) << r.reason;
    if (expected.contains("reason_contains")) {
        EXPECT_NE(r.reason.find(expected["reason_contains"].get<std::string>()), std::string::npos)
            << r.reason;
    }
    EXPECT_EQ(snapshot(subject) == before, expected["store_unchanged"].get<bool>()) << before;
}

INSTANTIATE_TEST_SUITE_P(Cases, ScopeRuleCase, ::testing::ValuesIn(case_names(kCases)),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace spmis::sync::testing

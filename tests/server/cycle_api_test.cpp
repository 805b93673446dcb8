// Cycles, entitlements and approval chains over real HTTP against spmis-server: the formula's
// worked example (55 for two children under 5 and one elder), budget refusal with its figures,
// paging, a two-level chain with a delegation, a delegation ended early, and role checks and bad input.

#include <string>

#include "server_fixture.hpp"
#include "spmis/base/clock.hpp"
#include "spmis/store/store.hpp"
#include "support/test_clock.hpp"

namespace spmis::test {
namespace {

constexpr const char* kPassword = "correct horse";
const nlohmann::json kEmpty = nlohmann::json::object();

const std::string kHouseholds =
    "record_type,external_id,household_external_id,membership_kind,name,given_name,family_name,birthdate,sex,"
    "area_code\n"
    "group,H1,,,Diallo household,,,,,\n"
    "individual,I1,H1,head,,Amina,Diallo,1985-02-03,female,\n"
    "individual,I2,H1,child,,Awa,Diallo,2024-01-01,female,\n"
    "individual,I3,H1,child,,Ali,Diallo,2023-06-30,male,\n"
    "individual,I4,H1,other,,Binta,Diallo,1950-03-03,female,\n"
    "group,H2,,,Sow household,,,,,\n"
    "individual,I5,H2,head,,Fatou,Sow,1990-01-01,female,\n";

class CycleApiTest : public ServerFixture {
protected:
    void SetUp() override {
        for (auto [name, role] : {std::pair{"manager", "program_manager"},
                                  {"fin1", "finance_officer"},
                                  {"fin2", "finance_officer"},
                                  {"viewer", "program_viewer"},
                                  {"deputy", "program_viewer"},
                                  {"admin", "administrator"},
                                  {"auditor", "auditor"},
                                  {"officer", "field_officer"}}) {
            ASSERT_EQ(add_user(name, role, kPassword), 0);
        }
        start();
        as("manager");
        HttpResult imported =
            client_->post("/api/v1/registrants/import", kHouseholds, {{"Content-Type", "text/csv"}});
        ASSERT_EQ(imported.status, 200) << imported.body;
        HttpResult program = client_->post_json("/api/v1/programs", child_grant("CHILD_GRANT"));
        ASSERT_EQ(program.status, 201) << program.body;
        program_ = program.json()["id"];
        enroll({"H1", "H2"});
    }

    void as(const std::string& user) { client_->set_bearer(login(user, kPassword)); }

    static nlohmann::json child_grant(const std::string& code) {
        return {{"code", code},
                {"name", "Child grant"},
                {"target", "group"},
                {"eligibility_cel", "group.members.size() > 0"},
                {"kind", "cash"},
                {"currency", "USD"},
                {"entitlement_rule",
                 {{"kind", "cel"},
                  {"cel",
                   "30 + 10 * group.members.filter(m, m.age < 5).size() + 5 * "
                   "group.members.filter(m, m.age >= 60).size()"}}}};
    }

    // Enrolled memberships written into the store: enrollment jobs belong to another part of the API.
    void enroll(const std::vector<std::string>& households) {
        auto store = open_test_store(dir_.path());
        ASSERT_TRUE(store.ok());
        for (const auto& external : households) {
            auto group = (*store)->registry().find_by_external_id(external);
            ASSERT_TRUE(group.ok() && group->has_value()) << external;
            model::ProgramMembership m;
            m.id = new_uuid_v7();
            m.program_id = *Uuid::parse(program_);
            m.registrant_id = (*group)->id;
            m.state = model::MembershipState::kEnrolled;
            m.created_at = m.updated_at = SystemClock::instance().now();
            ASSERT_TRUE((*store)->programs().insert_membership(m).ok());
            registrant_of_[external] = m.registrant_id.to_string();
        }
    }

    std::string create_cycle(std::int64_t budget) {
        HttpResult created =
            client_->post_json("/api/v1/programs/" + program_ + "/cycles", {{"name", "November"},
                                                                            {"start", current_month().start},
                                                                            {"end", current_month().end},
                                                                            {"budget", budget}});
        EXPECT_EQ(created.status, 201) << created.body;
        return created.json().value("id", "");
    }

    HttpResult decide(const std::string& approval, const char* verdict, const nlohmann::json& body = {}) {
        return client_->post_json("/api/v1/approvals/" + approval + "/" + verdict,
                                  body.is_null() ? nlohmann::json::object() : body);
    }

    std::string program_;
    std::map<std::string, std::string> registrant_of_;
};

TEST_F(CycleApiTest, GeneratesFormulaAmountsRefusesOverBudgetAndPages) {
    as("viewer");
    EXPECT_EQ(client_
                  ->post_json("/api/v1/programs/" + program_ + "/cycles",
                              {{"name", "X"}, {"start", current_month().start}, {"end", current_month().end}})
                  .status,
              403);
    as("fin1");
    const std::string small = create_cycle(5000);
    HttpResult refused = client_->post_json("/api/v1/cycles/" + small + "/entitlements/generate", kEmpty);
    ASSERT_EQ(refused.status, 422) << refused.body;
    EXPECT_EQ(refused.json()["error"]["total"], 8500);
    EXPECT_EQ(refused.json()["error"]["budget"], 5000);
    EXPECT_EQ(refused.json()["error"]["count"], 2);
    // Over HTTP the way to scale is the body member, not the command line's option.
    const std::string message = refused.json()["error"]["message"];
    EXPECT_NE(message.find("\"scale_to_budget\": true"), std::string::npos) << message;
    EXPECT_EQ(message.find("--scale"), std::string::npos) << message;
    EXPECT_TRUE(client_->get("/api/v1/cycles/" + small + "/entitlements").json()["entitlements"].empty());
    EXPECT_EQ(client_->post_json("/api/v1/cycles/" + small + "/cancel", {{"reason", "too small"}}).status,
              200);
    EXPECT_EQ(client_->get("/api/v1/cycles/" + small).json()["state"], "cancelled");

    const std::string cycle = create_cycle(10000);
    HttpResult generated = client_->post_json("/api/v1/cycles/" + cycle + "/entitlements/generate", kEmpty);
    ASSERT_EQ(generated.status, 200) << generated.body;
    EXPECT_EQ(generated.json()["created"], 2);
    EXPECT_EQ(generated.json()["total"], 8500);
    HttpResult again = client_->post_json("/api/v1/cycles/" + cycle + "/entitlements/generate", kEmpty);
    EXPECT_EQ(again.json()["created"], 0);
    EXPECT_EQ(again.json()["already_entitled"], 2);

    as("viewer");
    HttpResult page1 = client_->get("/api/v1/cycles/" + cycle + "/entitlements?limit=1");
    ASSERT_EQ(page1.status, 200) << page1.body;
    ASSERT_EQ(page1.json()["entitlements"].size(), 1u);
    ASSERT_TRUE(page1.json()["next_cursor"].is_string());
    HttpResult page2 = client_->get("/api/v1/cycles/" + cycle + "/entitlements?limit=1&cursor=" +
                                    page1.json()["next_cursor"].get<std::string>());
    ASSERT_EQ(page2.json()["entitlements"].size(), 1u);
    EXPECT_TRUE(page2.json()["next_cursor"].is_null());
    std::map<std::string, std::int64_t> amounts;
    for (const auto& page : {page1.json(), page2.json()}) {
        const auto& e = page["entitlements"][0];
        amounts[e["registrant_id"]] = e["amount"];
        EXPECT_EQ(e["valid_until"], current_month().end);
        EXPECT_EQ(e["state"], "draft");
    }
    EXPECT_EQ(amounts[registrant_of_["H1"]], 5500);  // 30 + 2 x 10 + 5
    EXPECT_EQ(amounts[registrant_of_["H2"]], 3000);
    EXPECT_EQ(client_->get("/api/v1/programs/" + program_ + "/cycles").json()["cycles"].size(), 2u);
}

TEST_F(CycleApiTest, TwoLevelChainWithDelegationApprovesTheCycle) {
    const nlohmann::json chain = {
        {"levels",
         {{{"role", "finance_officer"}, {"required", 1}}, {{"users", {"manager"}}, {"required", 1}}}}};
    const std::string chain_path = "/api/v1/programs/" + program_ + "/approval-chains/cycle_approval";
    as("fin1");
    EXPECT_EQ(client_->put(chain_path, chain.dump(), {}).status, 403);
    as("manager");
    ASSERT_EQ(client_->put(chain_path, chain.dump(), {}).status, 200);
    EXPECT_EQ(client_->get(chain_path).json()["configured"], true);
    HttpResult delegated = client_->post_json("/api/v1/delegations", {{"delegate", "deputy"},
                                                                      {"from", format_date(test_today())},
                                                                      {"until", day_from_today(30)},
                                                                      {"reason", "leave"}});
    ASSERT_EQ(delegated.status, 201) << delegated.body;

    as("fin1");
    const std::string cycle = create_cycle(0);
    ASSERT_EQ(client_->post_json("/api/v1/cycles/" + cycle + "/entitlements/generate", kEmpty).status, 200);
    HttpResult submitted = client_->post_json("/api/v1/cycles/" + cycle + "/submit", kEmpty);
    ASSERT_EQ(submitted.status, 200) << submitted.body;
    EXPECT_EQ(submitted.json()["cycle"]["state"], "to_approve");
    const std::string approval = submitted.json()["approval_request"]["id"];
    EXPECT_EQ(decide(approval, "approve").status, 403);  // own request

    as("deputy");
    EXPECT_TRUE(client_->get("/api/v1/approvals?state=pending").json()["approvals"].empty());
    EXPECT_EQ(decide(approval, "approve").status, 403);  // level 1 is finance officers
    as("fin2");
    ASSERT_EQ(client_->get("/api/v1/approvals").json()["approvals"].size(), 1u);
    HttpResult first = decide(approval, "approve", {{"comment", "figures checked"}});
    ASSERT_EQ(first.status, 200) << first.body;
    EXPECT_EQ(first.json()["current_level"], 2);
    EXPECT_EQ(decide(approval, "approve").status, 409);

    as("deputy");
    ASSERT_EQ(client_->get("/api/v1/approvals?state=pending").json()["approvals"].size(), 1u);
    HttpResult done = decide(approval, "approve", {{"comment", "for the manager"}});
    ASSERT_EQ(done.status, 200) << done.body;
    EXPECT_EQ(done.json()["state"], "approved");
    const auto history = client_->get("/api/v1/approvals/" + approval).json()["history"];
    ASSERT_EQ(history.size(), 2u);
    EXPECT_EQ(history[1]["actor"], "deputy");
    EXPECT_EQ(history[1]["on_behalf_of"], "manager");
    EXPECT_EQ(history[0]["comment"], "figures checked");
    EXPECT_EQ(client_->get("/api/v1/cycles/" + cycle).json()["state"], "approved");
    const nlohmann::json listed = client_->get("/api/v1/cycles/" + cycle + "/entitlements").json();
    ASSERT_EQ(listed["entitlements"].size(), 2u);
    for (const auto& e : listed["entitlements"]) EXPECT_EQ(e["state"], "approved");
}

TEST_F(CycleApiTest, AnEndedDelegationNoLongerLetsTheDelegateApprove) {
    const nlohmann::json chain = {{"levels", {{{"users", {"manager"}}, {"required", 1}}}}};
    as("manager");
    ASSERT_EQ(
        client_->put("/api/v1/programs/" + program_ + "/approval-chains/cycle_approval", chain.dump(), {})
            .status,
        200);
    auto delegate = [this](const char* to, int from, int until) {
        HttpResult given = client_->post_json(
            "/api/v1/delegations",
            {{"delegate", to}, {"from", day_from_today(from)}, {"until", day_from_today(until)}});
        EXPECT_EQ(given.status, 201) << given.body;
        return given.json().value("id", "");
    };
    const std::string leave = delegate("deputy", 0, 30);
    const std::string later = delegate("fin2", 10, 20);
    const std::string past = delegate("fin2", -10, -5);
    EXPECT_EQ(client_->get("/api/v1/delegations").json()["delegations"][0]["state"], "active");
    as("fin1");
    const std::string cycle = create_cycle(0);
    ASSERT_EQ(client_->post_json("/api/v1/cycles/" + cycle + "/entitlements/generate", kEmpty).status, 200);
    const std::string approval =
        client_->post_json("/api/v1/cycles/" + cycle + "/submit", kEmpty).json()["approval_request"]["id"];
    as("deputy");
    ASSERT_EQ(client_->get("/api/v1/approvals?state=pending").json()["approvals"].size(), 1u);

    // Neither the delegate nor a bystander may end it; bad bodies and unknown ids change nothing.
    const std::string end = "/api/v1/delegations/" + leave + "/end";
    EXPECT_EQ(client_->post_json(end, kEmpty).status, 403);
    as("fin2");
    EXPECT_EQ(client_->post_json(end, kEmpty).status, 403);
    as("manager");
    EXPECT_EQ(client_->post_json(end, {{"reason", 5}}).status, 400);
    EXPECT_EQ(client_->post_json(end, {{"why", "back"}}).status, 400);
    EXPECT_EQ(client_->post("/api/v1/delegations/" + leave + "/end", "[", {}).status, 400);
    EXPECT_EQ(client_->post_json("/api/v1/delegations/" + new_uuid_v7().to_string() + "/end", kEmpty).status,
              404);
    EXPECT_EQ(client_->post_json("/api/v1/delegations/not-an-id/end", kEmpty).status, 404);
    EXPECT_EQ(client_->get("/api/v1/delegations").json()["delegations"][0]["state"], "active");

    HttpResult ended = client_->post_json(end, {{"reason", "back early"}});
    ASSERT_EQ(ended.status, 200) << ended.body;
    EXPECT_EQ(ended.json()["state"], "ended");
    EXPECT_EQ(ended.json()["ended_by"], "manager");
    EXPECT_TRUE(ended.json()["ended_at"].is_string());
    EXPECT_EQ(ended.json()["until"], day_from_today(30));  // the range given is kept
    EXPECT_EQ(client_->post_json(end, kEmpty).status, 409);
    EXPECT_EQ(client_->post_json("/api/v1/delegations/" + past + "/end", kEmpty).status, 409);

    as("deputy");
    EXPECT_TRUE(client_->get("/api/v1/approvals?state=pending").json()["approvals"].empty());
    EXPECT_EQ(decide(approval, "approve").status, 403);
    EXPECT_EQ(client_->get("/api/v1/delegations").json()["delegations"][0]["state"], "ended");

    // Only an administrator lists other users' delegations: every one, or one user's.
    EXPECT_EQ(client_->get("/api/v1/delegations?user=manager").status, 403);  // deputy asks
    as("officer");  // neither program_read nor users_manage
    EXPECT_EQ(client_->get("/api/v1/delegations").status, 403);
    // An administrator may find and end anyone's delegation, one that has not started included.
    as("admin");
    const nlohmann::json everyone = client_->get("/api/v1/delegations").json()["delegations"];
    EXPECT_EQ(everyone.size(), 3u) << everyone.dump();
    const nlohmann::json fin2s = client_->get("/api/v1/delegations?user=fin2").json()["delegations"];
    ASSERT_EQ(fin2s.size(), 2u) << fin2s.dump();
    EXPECT_EQ(fin2s[0]["id"], later);
    EXPECT_EQ(fin2s[0]["state"], "scheduled");
    HttpResult withdrawn = client_->post_json("/api/v1/delegations/" + later + "/end", kEmpty);
    ASSERT_EQ(withdrawn.status, 200) << withdrawn.body;
    EXPECT_EQ(withdrawn.json()["ended_by"], "admin");

    as("auditor");
    const nlohmann::json trail = client_->get("/api/v1/audit?record=" + leave).json()["events"];
    ASSERT_EQ(trail.size(), 2u) << trail.dump();
    EXPECT_EQ(trail[1]["action"], "end");
    EXPECT_EQ(trail[1]["user"], "manager");
    EXPECT_NE(trail[1]["reason"].get<std::string>().find("back early"), std::string::npos);
    as("manager");
    EXPECT_EQ(decide(approval, "approve").status, 200);  // the delegator still decides himself
}

TEST_F(CycleApiTest, RejectionReturnsTheCycleToDraft) {
    as("fin1");
    const std::string cycle = create_cycle(0);
    ASSERT_EQ(client_->post_json("/api/v1/cycles/" + cycle + "/entitlements/generate", kEmpty).status, 200);
    HttpResult submitted = client_->post_json("/api/v1/cycles/" + cycle + "/submit", kEmpty);
    ASSERT_EQ(submitted.status, 200) << submitted.body;
    as("fin2");  // no chain: one approval by a finance role
    HttpResult rejected =
        decide(submitted.json()["approval_request"]["id"], "reject", {{"comment", "wrong month"}});
    ASSERT_EQ(rejected.status, 200) << rejected.body;
    EXPECT_EQ(rejected.json()["state"], "rejected");
    EXPECT_EQ(client_->get("/api/v1/cycles/" + cycle).json()["state"], "draft");
    EXPECT_EQ(
        client_->get("/api/v1/cycles/" + cycle + "/entitlements?state=draft").json()["entitlements"].size(),
        2u);
}

TEST_F(CycleApiTest, BadInputAndUnknownIdsAreRefusedClearly) {
    const std::string unknown = new_uuid_v7().to_string();
    as("fin1");
    EXPECT_EQ(client_->get("/api/v1/cycles/" + unknown).status, 404);
    EXPECT_EQ(client_->get("/api/v1/cycles/not-an-id").status, 404);
    EXPECT_EQ(client_->post_json("/api/v1/cycles/" + unknown + "/entitlements/generate", kEmpty).status, 404);
    EXPECT_EQ(client_
                  ->post_json("/api/v1/programs/" + unknown + "/cycles",
                              {{"name", "X"}, {"start", current_month().start}, {"end", current_month().end}})
                  .status,
              404);
    EXPECT_EQ(client_->get("/api/v1/approvals/" + unknown).status, 404);
    EXPECT_EQ(client_->post_json("/api/v1/approvals/" + unknown + "/approve", kEmpty).status, 404);
    EXPECT_EQ(client_->post("/api/v1/programs/" + program_ + "/cycles", "{\"name\": ", {}).status, 400);
    EXPECT_EQ(client_
                  ->post_json("/api/v1/programs/" + program_ + "/cycles",
                              {{"name", "X"}, {"start", "2026-13-01"}, {"end", "2026-11-30"}})
                  .status,
              400);
    EXPECT_EQ(client_
                  ->post_json("/api/v1/programs/" + program_ + "/cycles",
                              {{"name", "X"}, {"start", current_month().end}, {"end", current_month().start}})
                  .status,
              400);
    const std::string cycle = create_cycle(0);
    EXPECT_EQ(
        client_->post_json("/api/v1/cycles/" + cycle + "/entitlements/generate", {{"scale_to_budget", "yes"}})
            .status,
        400);
    EXPECT_EQ(client_->get("/api/v1/cycles/" + cycle + "/entitlements?state=spent").status, 400);
    EXPECT_EQ(client_->post("/api/v1/delegations", "[", {}).status, 400);
    EXPECT_EQ(client_
                  ->post_json("/api/v1/delegations",
                              {{"delegate", "fin1"}, {"from", "2026-01-01"}, {"until", "2026-02-01"}})
                  .status,
              400);  // to oneself

    as("manager");
    const std::string chains = "/api/v1/programs/" + program_ + "/approval-chains/";
    EXPECT_EQ(client_->put(chains + "launch", R"({"levels": [{"role": "auditor"}]})", {}).status, 404);
    EXPECT_EQ(client_->put(chains + "cycle_approval", R"({"levels": []})", {}).status, 400);
    EXPECT_EQ(client_->put(chains + "cycle_approval", R"({"levels": [{"role": "wizard"}]})", {}).status, 400);
    EXPECT_EQ(client_->put(chains + "cycle_approval", R"({"levels": [{"users": ["a"], "required": 2}]})", {})
                  .status,
              400);
    EXPECT_EQ(client_->post_json("/api/v1/programs/" + program_ + "/end", kEmpty).status, 200);
    as("fin1");
    HttpResult ended = client_->post_json("/api/v1/programs/" + program_ + "/cycles",
                                          {{"name", "Late"}, {"start", "2026-12-01"}, {"end", "2026-12-31"}});
    EXPECT_EQ(ended.status, 422) << ended.body;
    EXPECT_EQ(client_->get("/api/v1/cycles/" + cycle).json()["state"], "cancelled");  // ending cancels drafts
    client_->set_bearer("");
    EXPECT_EQ(client_->get("/api/v1/approvals").status, 401);
}

}  // namespace
}  // namespace spmis::test

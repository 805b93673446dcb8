// The enrollment and entitlement_approval chains acting on their records, over real HTTP against
// spmis-server: verify holds eligible drafts in one request until the last level approves (reject:
// they stay draft), an approved cycle's entitlements wait for their own approval before a payment
// batch may take them (reject: back to draft with the cycle), and ending a program cancels every
// pending request so none can be decided any more.

#include <chrono>
#include <map>
#include <set>
#include <string>
#include <thread>

#include "server_fixture.hpp"
#include "spmis/base/clock.hpp"
#include "spmis/store/store.hpp"
#include "support/test_clock.hpp"

namespace spmis::test {
namespace {

constexpr const char* kPassword = "correct horse";
const nlohmann::json kEmpty = nlohmann::json::object();

// H1 (3 members) and H3 (2) are eligible (more than one member); H2 (1) is not.
const std::string kHouseholds =
    "record_type,external_id,household_external_id,membership_kind,name,given_name,family_name,birthdate,sex,"
    "area_code\n"
    "group,H1,,,Diallo household,,,,,\n"
    "individual,I1,H1,head,,Amina,Diallo,1985-02-03,female,\n"
    "individual,I2,H1,child,,Awa,Diallo,2024-01-01,female,\n"
    "individual,I3,H1,other,,Binta,Diallo,1950-03-03,female,\n"
    "group,H2,,,Sow household,,,,,\n"
    "individual,I4,H2,head,,Fatou,Sow,1990-01-01,female,\n"
    "group,H3,,,Ba household,,,,,\n"
    "individual,I5,H3,head,,Oumar,Ba,1980-05-05,male,\n"
    "individual,I6,H3,child,,Aissata,Ba,2022-02-02,female,\n";

class ApprovalHandlersApiTest : public ServerFixture {
protected:
    void SetUp() override {
        for (auto [name, role] : {std::pair{"manager", "program_manager"},
                                  {"eo1", "enrollment_officer"},
                                  {"eo2", "enrollment_officer"},
                                  {"fin1", "finance_officer"},
                                  {"fin2", "finance_officer"}}) {
            ASSERT_EQ(add_user(name, role, kPassword), 0);
        }
        start();
        as("manager");
        HttpResult imported =
            client_->post("/api/v1/registrants/import", kHouseholds, {{"Content-Type", "text/csv"}});
        ASSERT_EQ(imported.status, 200) << imported.body;
        HttpResult program = client_->post_json("/api/v1/programs",
                                                {{"code", "FAMILY"},
                                                 {"name", "Family grant"},
                                                 {"target", "group"},
                                                 {"eligibility_cel", "group.members.size() > 1"},
                                                 {"kind", "cash"},
                                                 {"currency", "USD"},
                                                 {"entitlement_rule", {{"kind", "fixed"}, {"value", 2500}}}});
        ASSERT_EQ(program.status, 201) << program.body;
        program_ = program.json()["id"];
    }

    // Acts as `user` from now on (one login per user: password hashing is slow on purpose).
    void as(const std::string& user) {
        auto it = tokens_.find(user);
        if (it == tokens_.end()) it = tokens_.emplace(user, login(user, kPassword)).first;
        client_->set_bearer(it->second);
    }

    // Two levels: any enrollment officer (or finance officer), then the named manager.
    void configure(const std::string& action, const char* first_role) {
        const nlohmann::json chain = {
            {"levels", {{{"role", first_role}, {"required", 1}}, {{"users", {"manager"}}, {"required", 1}}}}};
        as("manager");
        HttpResult put =
            client_->put("/api/v1/programs/" + program_ + "/approval-chains/" + action, chain.dump(), {});
        ASSERT_EQ(put.status, 200) << put.body;
    }

    // Runs an enrollment job to its end; returns its result.
    nlohmann::json run_job(const std::string& operation) {
        HttpResult queued = client_->post_json("/api/v1/programs/" + program_ + "/jobs",
                                               {{"operation", operation}, {"reference_date", "2026-11-01"}});
        EXPECT_EQ(queued.status, 202) << queued.body;
        const std::string id = queued.json()["job"].value("id", "");
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
        nlohmann::json job;
        while (std::chrono::steady_clock::now() < deadline) {
            job = client_->get("/api/v1/jobs/" + id).json()["job"];
            if (job["state"] == "succeeded" || job["state"] == "failed") break;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        EXPECT_EQ(job["state"], "succeeded") << job.dump();
        return job["result"];
    }

    // Membership ids of the program in `state`.
    std::set<std::string> memberships(const std::string& state) {
        HttpResult r =
            client_->get("/api/v1/programs/" + program_ + "/memberships?limit=1000&state=" + state);
        EXPECT_EQ(r.status, 200) << r.body;
        std::set<std::string> out;
        const nlohmann::json body = r.json();
        for (const auto& m : body["memberships"]) out.insert(m["id"].get<std::string>());
        return out;
    }

    // eo1 imports the eligible households as drafts and verifies them; returns the verify result.
    nlohmann::json import_and_verify() {
        as("eo1");
        EXPECT_EQ(run_job("import_eligible")["created"], 2);
        return run_job("verify");
    }

    HttpResult decide(const std::string& approval, const char* verdict, const std::string& comment = "") {
        return client_->post_json("/api/v1/approvals/" + approval + "/" + verdict, {{"comment", comment}});
    }

    std::unique_ptr<store::Store> open_store() {
        auto store = open_test_store(dir_.path());
        EXPECT_TRUE(store.ok()) << store.status().to_string();
        return store.ok() ? std::move(*store) : nullptr;
    }

    // A cycle generated and submitted by fin1; returns {cycle, its cycle_approval request}.
    std::pair<std::string, std::string> submitted_cycle() {
        as("eo1");
        run_job("enroll");
        as("fin1");
        HttpResult cycle = client_->post_json(
            "/api/v1/programs/" + program_ + "/cycles",
            {{"name", "November"}, {"start", current_month().start}, {"end", current_month().end}});
        EXPECT_EQ(cycle.status, 201) << cycle.body;
        const std::string id = cycle.json().value("id", "");
        HttpResult generated = client_->post_json("/api/v1/cycles/" + id + "/entitlements/generate", kEmpty);
        EXPECT_EQ(generated.status, 200) << generated.body;
        EXPECT_EQ(generated.json()["created"], 2);
        HttpResult submitted = client_->post_json("/api/v1/cycles/" + id + "/submit", kEmpty);
        EXPECT_EQ(submitted.status, 200) << submitted.body;
        return {id, submitted.json()["approval_request"].value("id", "")};
    }

    std::map<std::string, int> entitlement_states(const std::string& cycle) {
        std::map<std::string, int> out;
        const nlohmann::json body = client_->get("/api/v1/cycles/" + cycle + "/entitlements").json();
        for (const auto& e : body["entitlements"]) ++out[e["state"].get<std::string>()];
        return out;
    }

    // The pending request about `record` that the current user may decide on, or "".
    std::string pending_for(const std::string& record) {
        const nlohmann::json body = client_->get("/api/v1/approvals?state=pending").json();
        for (const auto& r : body["approvals"]) {
            if (r["record_id"] == record) return r["id"];
        }
        return {};
    }

    std::string program_;
    std::map<std::string, std::string> tokens_;
};

TEST_F(ApprovalHandlersApiTest, EnrollmentChainHoldsDraftsUntilTheLastLevelApproves) {
    configure("enrollment", "enrollment_officer");
    const nlohmann::json verified = import_and_verify();
    EXPECT_EQ(verified["enrolled"], 0);
    EXPECT_EQ(verified["awaiting_approval"], 2);
    ASSERT_TRUE(verified["approval_request"].is_string()) << verified.dump();
    const std::string approval = verified["approval_request"];
    const std::set<std::string> drafts = memberships("draft");
    EXPECT_EQ(drafts.size(), 2u);
    EXPECT_TRUE(memberships("enrolled").empty());

    HttpResult read = client_->get("/api/v1/approvals/" + approval);
    ASSERT_EQ(read.status, 200) << read.body;
    EXPECT_EQ(read.json()["action"], "enrollment");
    EXPECT_EQ(read.json()["requester"], "eo1");
    EXPECT_EQ(read.json()["memberships"]["count"], 2);
    EXPECT_EQ(read.json()["memberships"]["by_state"]["draft"], 2);
    HttpResult page1 = client_->get("/api/v1/approvals/" + approval + "/memberships?limit=1");
    ASSERT_EQ(page1.status, 200) << page1.body;
    ASSERT_EQ(page1.json()["memberships"].size(), 1u);
    ASSERT_TRUE(page1.json()["next_cursor"].is_string());
    HttpResult page2 = client_->get("/api/v1/approvals/" + approval + "/memberships?limit=1&cursor=" +
                                    page1.json()["next_cursor"].get<std::string>());
    ASSERT_EQ(page2.json()["memberships"].size(), 1u);
    EXPECT_TRUE(page2.json()["next_cursor"].is_null());
    const std::set<std::string> covered = {page1.json()["memberships"][0]["id"],
                                           page2.json()["memberships"][0]["id"]};
    EXPECT_EQ(covered, drafts);

    EXPECT_EQ(decide(approval, "approve").status, 403);  // own request
    const nlohmann::json rerun = run_job("verify");      // no second request for the same drafts
    EXPECT_EQ(rerun["already_awaiting"], 2);
    EXPECT_TRUE(rerun["approval_request"].is_null());

    as("eo2");
    HttpResult first = decide(approval, "approve", "registry checked");
    ASSERT_EQ(first.status, 200) << first.body;
    EXPECT_EQ(first.json()["current_level"], 2);
    EXPECT_TRUE(memberships("enrolled").empty());  // nothing before the last level

    // One covered draft changes state meanwhile: the approval skips it and says so.
    const std::string changed = *drafts.begin();
    {
        auto store = open_store();
        ASSERT_TRUE(store->programs()
                        .transition_membership(*Uuid::parse(changed), model::MembershipState::kNotEligible,
                                               "test", "household split")
                        .ok());
    }
    as("manager");
    HttpResult done = decide(approval, "approve", "go");
    ASSERT_EQ(done.status, 200) << done.body;
    EXPECT_EQ(done.json()["state"], "approved");
    const std::set<std::string> enrolled = memberships("enrolled");
    EXPECT_EQ(enrolled, std::set<std::string>{*std::next(drafts.begin())});
    const nlohmann::json summary = client_->get("/api/v1/approvals/" + approval).json()["memberships"];
    EXPECT_EQ(summary["by_state"]["enrolled"], 1);
    EXPECT_EQ(summary["by_state"]["not_eligible"], 1);
    auto store = open_store();
    const auto trail = *store->audit().list_for_record(*Uuid::parse(approval));
    ASSERT_FALSE(trail.empty());
    EXPECT_EQ(trail.back().action, "enroll");
    EXPECT_EQ(trail.back().reason, "enrolled 1 of 2 memberships; skipped 1 no longer draft");
    const auto membership_trail = *store->audit().list_for_record(*Uuid::parse(*enrolled.begin()));
    EXPECT_EQ(membership_trail.back().actor, "manager");
    EXPECT_NE(membership_trail.back().after.find("enrolled"), std::string::npos);
    EXPECT_EQ(decide(approval, "approve").status, 422);  // no longer pending
}

TEST_F(ApprovalHandlersApiTest, RejectedEnrollmentLeavesDraftsAndAFreshVerifyAsksAgain) {
    configure("enrollment", "enrollment_officer");
    const std::string approval = import_and_verify()["approval_request"];
    as("eo2");
    HttpResult rejected = decide(approval, "reject", "documents missing");
    ASSERT_EQ(rejected.status, 200) << rejected.body;
    EXPECT_EQ(rejected.json()["state"], "rejected");
    EXPECT_EQ(rejected.json()["history"][0]["comment"], "documents missing");
    EXPECT_EQ(rejected.json()["history"][0]["verdict"], "reject");
    EXPECT_EQ(memberships("draft").size(), 2u);
    EXPECT_TRUE(memberships("enrolled").empty());
    as("eo1");
    const nlohmann::json again = run_job("verify");
    EXPECT_EQ(again["awaiting_approval"], 2);
    ASSERT_TRUE(again["approval_request"].is_string());
    EXPECT_NE(again["approval_request"], approval);
}

TEST_F(ApprovalHandlersApiTest, WithoutAnEnrollmentChainVerifyEnrollsDirectly) {
    const nlohmann::json verified = import_and_verify();
    EXPECT_EQ(verified["enrolled"], 2);
    EXPECT_FALSE(verified.contains("approval_request"));
    EXPECT_EQ(memberships("enrolled").size(), 2u);
}

TEST_F(ApprovalHandlersApiTest, EntitlementChainGatesPaymentUntilApproved) {
    configure("entitlement_approval", "finance_officer");
    const auto [cycle, cycle_request] = submitted_cycle();
    as("fin2");
    ASSERT_EQ(decide(cycle_request, "approve").status, 200);
    EXPECT_EQ(client_->get("/api/v1/cycles/" + cycle).json()["state"], "approved");
    EXPECT_EQ(entitlement_states(cycle), (std::map<std::string, int>{{"pending_approval", 2}}));
    const nlohmann::json batch = {{"provider", "Bank"}, {"provider_kind", "bank"}};
    HttpResult early = client_->post_json("/api/v1/cycles/" + cycle + "/payment-batches", batch);
    EXPECT_EQ(early.status, 422) << early.body;  // nothing approved to pay yet

    const std::string approval = pending_for(cycle);
    ASSERT_FALSE(approval.empty());
    EXPECT_EQ(client_->get("/api/v1/approvals/" + approval).json()["action"], "entitlement_approval");
    as("fin1");
    EXPECT_EQ(decide(approval, "approve").status, 403);  // fin1 submitted the cycle
    as("fin2");
    ASSERT_EQ(decide(approval, "approve").status, 200);
    EXPECT_EQ(entitlement_states(cycle), (std::map<std::string, int>{{"pending_approval", 2}}));
    as("manager");
    HttpResult done = decide(approval, "approve");
    ASSERT_EQ(done.status, 200) << done.body;
    EXPECT_EQ(done.json()["state"], "approved");
    EXPECT_EQ(entitlement_states(cycle), (std::map<std::string, int>{{"approved", 2}}));
    as("fin1");
    HttpResult paid = client_->post_json("/api/v1/cycles/" + cycle + "/payment-batches", batch);
    ASSERT_EQ(paid.status, 201) << paid.body;
    EXPECT_EQ(entitlement_states(cycle), (std::map<std::string, int>{{"transferred", 2}}));
}

TEST_F(ApprovalHandlersApiTest, RejectedEntitlementsReturnToDraftWithTheirCycle) {
    configure("entitlement_approval", "finance_officer");
    const auto [cycle, cycle_request] = submitted_cycle();
    as("fin2");
    ASSERT_EQ(decide(cycle_request, "approve").status, 200);
    const std::string approval = pending_for(cycle);
    ASSERT_FALSE(approval.empty());
    HttpResult rejected = decide(approval, "reject", "amounts wrong");
    ASSERT_EQ(rejected.status, 200) << rejected.body;
    EXPECT_EQ(client_->get("/api/v1/cycles/" + cycle).json()["state"], "draft");
    EXPECT_EQ(entitlement_states(cycle), (std::map<std::string, int>{{"draft", 2}}));
    as("fin1");
    EXPECT_EQ(client_->post_json("/api/v1/cycles/" + cycle + "/submit", kEmpty).status, 200);  // resubmitted
}

TEST_F(ApprovalHandlersApiTest, EndingTheProgramCancelsEveryPendingRequest) {
    configure("enrollment", "enrollment_officer");
    const std::string enrollment = import_and_verify()["approval_request"];
    // Enrolled directly in the store so a cycle can be generated while the enrollment request waits.
    {
        auto store = open_store();
        const auto listed = store->programs().list_memberships(*Uuid::parse(program_));
        ASSERT_TRUE(listed.ok());
        for (const auto& m : *listed)
            ASSERT_TRUE(store->programs()
                            .transition_membership(m.id, model::MembershipState::kEnrolled, "test", "")
                            .ok());
    }
    as("fin1");
    HttpResult cycle = client_->post_json(
        "/api/v1/programs/" + program_ + "/cycles",
        {{"name", "November"}, {"start", current_month().start}, {"end", current_month().end}});
    ASSERT_EQ(cycle.status, 201) << cycle.body;
    const std::string cycle_id = cycle.json()["id"];
    ASSERT_EQ(client_->post_json("/api/v1/cycles/" + cycle_id + "/entitlements/generate", kEmpty).status,
              200);
    HttpResult submitted = client_->post_json("/api/v1/cycles/" + cycle_id + "/submit", kEmpty);
    ASSERT_EQ(submitted.status, 200) << submitted.body;
    const std::string cycle_request = submitted.json()["approval_request"]["id"];

    as("manager");
    ASSERT_EQ(
        client_->post_json("/api/v1/programs/" + program_ + "/end", {{"reason", "funding over"}}).status,
        200);
    for (const std::string& id : {enrollment, cycle_request}) {
        HttpResult r = client_->get("/api/v1/approvals/" + id);
        EXPECT_EQ(r.json()["state"], "cancelled") << r.body;
    }
    EXPECT_EQ(client_->get("/api/v1/cycles/" + cycle_id).json()["state"], "cancelled");
    as("eo2");
    EXPECT_EQ(decide(enrollment, "approve").status, 422);
    as("fin2");
    EXPECT_EQ(decide(cycle_request, "approve").status, 422);
    EXPECT_TRUE(client_->get("/api/v1/approvals?state=pending").json()["approvals"].empty());
    auto store = open_store();
    const auto trail = *store->audit().list_for_record(*Uuid::parse(enrollment));
    EXPECT_EQ(trail.back().action, "cancel");
    EXPECT_EQ(trail.back().actor, "manager");
}

}  // namespace
}  // namespace spmis::test

// Grievances over real HTTP with a real spmis-server: opened by an enrollment officer about a
// household's basket, assigned, worked and resolved by a manager, appealed, exported as CSV, counted
// in /metrics; a sensitive ticket invisible to a viewer; every bad input a clear 4xx that changes
// nothing; and a breach escalated exactly once by the server's periodic task after a restart days
// later.

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "spmis/store/store.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/sync_world.hpp"
#include "support/temp_dir.hpp"
#include "support/test_clock.hpp"
#include "support/test_database.hpp"

namespace spmis::test {
namespace {

using nlohmann::json;

class GrievanceE2eTest : public ::testing::Test {
protected:
    void SetUp() override {
        data_ = dir_.file("data");
        world_ = new_sync_world();
        {
            auto store = open_test_store(data_);
            ASSERT_TRUE(store.ok()) << store.status().to_string();
            const SyncWorldDates dates = sync_world_dates_around(test_clock().now());
            ASSERT_TRUE(
                (*store)->transaction([&] { return seed_sync_world(**store, world_, dates, true); }).ok());
        }
        for (const auto& [user, role] : {std::pair<std::string, std::string>{"manager", "program_manager"},
                                         {"clerk", "enrollment_officer"},
                                         {"viewer", "program_viewer"},
                                         {"auditor", "auditor"},
                                         {"admin", "administrator"}}) {
            ASSERT_EQ(run_server_command({"user", "add", "--data", data_, "--username", user, "--role", role},
                                         user + "-password\n"),
                      0);
        }
        start_server(std::chrono::hours(0));
    }

    // Starts the server `ahead` of the test's clock (its periodic tasks run once at start-up).
    void start_server(std::chrono::hours ahead) {
        server_.reset();
        const auto offset = std::chrono::duration_cast<std::chrono::seconds>(test_clock().now() + ahead -
                                                                             SystemClock::instance().now());
        server_.emplace(ServerProcess::Binary{server_binary()},
                        std::vector<std::string>{"--clock", "offset:" + std::to_string(offset.count()),
                                                 "serve", "--data", data_, "--listen", "127.0.0.1:0"},
                        std::chrono::seconds(20));
        for (const char* user : {"manager", "clerk", "viewer", "auditor", "admin"})
            clients_[user] = login(user);
    }

    std::unique_ptr<HttpClient> login(const std::string& user) const {
        auto client = std::make_unique<HttpClient>(server_->url());
        HttpResult r =
            client->post_json("/api/v1/auth/login", {{"username", user}, {"password", user + "-password"}});
        EXPECT_EQ(r.status, 200) << r.body;
        client->set_bearer(r.json().value("token", ""));
        return client;
    }

    HttpClient& as(const std::string& user) { return *clients_.at(user); }

    json basket_complaint() const {
        return {{"category", "in_kind_not_received"},
                {"subcategory", "incomplete"},
                {"priority", "high"},
                {"channel", "walk_in"},
                {"complainant_id", world_.member.to_string()},
                {"description", "The basket had no oil"},
                {"household_id", world_.household.to_string()},
                {"entitlement_id", world_.entitlement.to_string()},
                {"service_point_id", world_.sp1.to_string()}};
    }

    std::size_t visible_count(const std::string& user) {
        HttpResult r = as(user).get("/api/v1/grievances?limit=500");
        EXPECT_EQ(r.status, 200) << r.body;
        return r.json()["grievances"].size();
    }

    HttpResult post(const std::string& user, const std::string& path, const json& body) {
        return as(user).post_json(path, body);
    }

    TestDatabase database_;  // SQLite, or PostgreSQL when ctest says so (SPMIS_TEST_BACKEND)
    TempDir dir_;
    std::string data_;
    SyncWorld world_;
    std::optional<ServerProcess> server_;
    std::map<std::string, std::unique_ptr<HttpClient>> clients_;
};

std::vector<std::string> history_kinds(const json& ticket) {
    std::vector<std::string> out;
    for (const json& e : ticket["history"])
        out.push_back(e["kind"].get<std::string>() + ":" + e["to"].get<std::string>());
    return out;
}

TEST_F(GrievanceE2eTest, ATicketGoesFromOpenToClosedWithItsHistoryAndRights) {
    HttpResult opened = post("clerk", "/api/v1/grievances", basket_complaint());
    ASSERT_EQ(opened.status, 201) << opened.body;
    const json ticket = opened.json();
    EXPECT_EQ(ticket["number"], "GRV-000001");
    EXPECT_EQ(ticket["state"], "new");
    EXPECT_EQ(ticket["links"]["entitlement_id"], world_.entitlement.to_string());
    EXPECT_EQ(ticket["sla"]["status"], "on_track");
    const std::string path = "/api/v1/grievances/" + ticket["id"].get<std::string>();

    EXPECT_EQ(post("viewer", "/api/v1/grievances", basket_complaint()).status, 403);
    EXPECT_EQ(post("clerk", path + "/transitions", {{"to", "rejected"}, {"reason", "no"}}).status, 403);
    EXPECT_EQ(post("clerk", path + "/assignment", {{"assignee", "manager"}}).status, 403);
    EXPECT_EQ(post("manager", path + "/transitions", {{"to", "in_progress"}, {"reason", "start"}}).status,
              409);
    EXPECT_EQ(post("manager", path + "/assignment", {{"assignee", "nobody"}}).status, 400);

    HttpResult assigned =
        post("manager", path + "/assignment", {{"assignee", "manager"}, {"reason", "mine"}});
    ASSERT_EQ(assigned.status, 200) << assigned.body;
    EXPECT_EQ(assigned.json()["state"], "assigned");
    EXPECT_EQ(assigned.json()["assignee"], "manager");
    ASSERT_EQ(
        post("manager", path + "/transitions", {{"to", "in_progress"}, {"reason", "checking stock"}}).status,
        200);
    EXPECT_EQ(post("clerk", path + "/notes", {{"text", "Complainant called again"}}).status, 201);
    HttpResult no_decision =
        post("manager", path + "/transitions", {{"to", "resolved"}, {"reason", "given"}});
    EXPECT_EQ(no_decision.status, 400) << no_decision.body;
    ASSERT_EQ(post("manager", path + "/transitions",
                   {{"to", "resolved"}, {"reason", "oil given"}, {"decision", "upheld"}})
                  .status,
              200);
    ASSERT_EQ(post("manager", path + "/transitions", {{"to", "closed"}, {"reason", "confirmed"}}).status,
              200);

    HttpResult read = as("viewer").get(path);
    ASSERT_EQ(read.status, 200) << read.body;
    EXPECT_EQ(read.json()["decision"], "upheld");
    EXPECT_EQ(history_kinds(read.json()),
              (std::vector<std::string>{"open:new", "transition:assigned", "transition:in_progress",
                                        "note:in_progress", "transition:resolved", "case:resolved",
                                        "transition:closed"}));
    // Upheld: the basket became one reconciliation case on the entitlement, for the queue to settle.
    const json case_id = read.json()["links"]["case_id"];
    ASSERT_TRUE(case_id.is_string()) << read.body;
    HttpResult raised = as("manager").get("/api/v1/reconciliation/" + case_id.get<std::string>());
    ASSERT_EQ(raised.status, 200) << raised.body;
    EXPECT_EQ(raised.body.find("grievance_upheld") != std::string::npos, true) << raised.body;
    EXPECT_EQ(read.json()["history"][4]["actor"], "manager");
    EXPECT_EQ(read.json()["history"][4]["text"], "oil given");

    HttpResult appeal = post("clerk", path + "/appeals", {{"reason", "Only half the oil"}});
    ASSERT_EQ(appeal.status, 201) << appeal.body;
    EXPECT_EQ(appeal.json()["appeal_of"], ticket["id"]);
    EXPECT_EQ(appeal.json()["number"], "GRV-000002");

    HttpResult openapi = as("viewer").get("/api/v1/openapi.json");
    EXPECT_TRUE(openapi.json()["paths"].contains("/api/v1/grievances/{id}/transitions"));
}

TEST_F(GrievanceE2eTest, AnAdministratorConfiguresACategoryThatNewTicketsUse) {
    const json category = {{"name", "Accessibility of the site"},
                           {"response_hours", 4},
                           {"resolution_hours", 48},
                           {"escalate_to", "program_manager"},
                           {"subcategories", {"no_ramp", "too_far"}}};
    const std::string path = "/api/v1/grievances/categories/accessibility";
    EXPECT_EQ(as("manager").put(path, category.dump()).status, 403);
    json bad = category;
    bad["escalate_to"] = "king";
    EXPECT_EQ(as("admin").put(path, bad.dump()).status, 400);
    bad = category;
    bad["response_hours"] = 100;  // later than resolution
    EXPECT_EQ(as("admin").put(path, bad.dump()).status, 400);
    ASSERT_EQ(as("admin").put(path, category.dump()).status, 200);
    HttpResult listed = as("viewer").get("/api/v1/grievances/categories");
    EXPECT_EQ(listed.json()["categories"].size(), 9u) << listed.body;

    json complaint = basket_complaint();
    complaint["category"] = "accessibility";
    complaint["subcategory"] = "no_ramp";
    HttpResult opened = post("clerk", "/api/v1/grievances", complaint);
    ASSERT_EQ(opened.status, 201) << opened.body;
    EXPECT_EQ(opened.json()["sla"]["resolution"]["allowed_seconds"], 48 * 3600);
}

TEST_F(GrievanceE2eTest, BadInputGetsAClear4xxAndChangesNothing) {
    ASSERT_EQ(post("clerk", "/api/v1/grievances", basket_complaint()).status, 201);
    const auto refused = [&](const std::string& key, const json& value) {
        json body = basket_complaint();
        body[key] = value;
        HttpResult r = post("clerk", "/api/v1/grievances", body);
        EXPECT_EQ(r.status, 400) << key << ": " << r.body;
        EXPECT_FALSE(r.json()["error"].value("message", "").empty());
    };
    refused("entitlement_id", new_uuid_v7().to_string());  // unknown record
    refused("household_id", world_.member.to_string());    // a person is not a household
    refused("category", "weather");
    refused("subcategory", "delayed");
    refused("channel", "email");
    refused("description", "bad \x01 byte");
    refused("description", "");
    refused("sensitive", "yes");
    refused("colour", "blue");
    EXPECT_EQ(post("clerk", "/api/v1/grievances", json::array()).status, 400);
    EXPECT_EQ(as("clerk").post("/api/v1/grievances", "{\"category\": \"x\"", {}).status, 400);
    EXPECT_EQ(as("viewer").get("/api/v1/grievances/" + new_uuid_v7().to_string()).status, 404);
    EXPECT_EQ(as("viewer").get("/api/v1/grievances?limit=0").status, 400);
    EXPECT_EQ(as("viewer").get("/api/v1/grievances?state=lost").status, 400);
    EXPECT_EQ(as("viewer").get("/api/v1/grievances?open=maybe").status, 400);
    HttpResult open_new =
        as("viewer").get("/api/v1/grievances?open=true&state=new&category=in_kind_not_received");
    EXPECT_EQ(open_new.json()["grievances"].size(), 1u) << open_new.body;
    EXPECT_EQ(as("viewer").get("/api/v1/grievances/export?from=today").status, 400);
    EXPECT_EQ(visible_count("manager"), 1u);
}

TEST_F(GrievanceE2eTest, SensitiveTicketsAreHiddenFromRolesWithoutTheRight) {
    json misconduct = basket_complaint();
    misconduct["category"] = "staff_misconduct";
    misconduct["subcategory"] = "demand_for_payment";
    misconduct["sensitive"] = true;
    EXPECT_EQ(post("clerk", "/api/v1/grievances", misconduct).status, 403);
    HttpResult opened = post("manager", "/api/v1/grievances", misconduct);
    ASSERT_EQ(opened.status, 201) << opened.body;
    ASSERT_EQ(post("clerk", "/api/v1/grievances", basket_complaint()).status, 201);
    const std::string path = "/api/v1/grievances/" + opened.json()["id"].get<std::string>();
    EXPECT_EQ(as("viewer").get(path).status, 404);
    EXPECT_EQ(post("clerk", path + "/notes", {{"text", "hello"}}).status, 404);
    EXPECT_EQ(as("auditor").get(path).status, 200);
    EXPECT_EQ(visible_count("viewer"), 1u);
    EXPECT_EQ(visible_count("auditor"), 2u);

    // Yesterday to tomorrow: the day the server opened them whatever the hour.
    const std::string period = "?from=" + day_from_today(-1) + "&until=" + day_from_today(1);
    HttpResult csv = as("viewer").get("/api/v1/grievances/export" + period);
    ASSERT_EQ(csv.status, 200) << csv.body;
    EXPECT_EQ(std::count(csv.body.begin(), csv.body.end(), '\n'), 2);  // header + the basket
    EXPECT_EQ(csv.body.find("staff_misconduct"), std::string::npos);
    HttpResult full = as("manager").get("/api/v1/grievances/export" + period);
    EXPECT_EQ(std::count(full.body.begin(), full.body.end(), '\n'), 3);

    HttpResult metrics = HttpClient(server_->url()).get("/metrics");
    EXPECT_NE(metrics.body.find("spmis_grievances{category=\"staff_misconduct\",status=\"open\"} 1"),
              std::string::npos)
        << metrics.body;
    EXPECT_NE(metrics.body.find("spmis_grievances{category=\"feedback\",status=\"open\"} 0"),
              std::string::npos);
}

TEST_F(GrievanceE2eTest, ABreachIsEscalatedOnceByTheServerAndStaysVisible) {
    HttpResult opened = post("clerk", "/api/v1/grievances", basket_complaint());  // 24 h to respond
    ASSERT_EQ(opened.status, 201) << opened.body;
    const std::string path = "/api/v1/grievances/" + opened.json()["id"].get<std::string>();
    start_server(std::chrono::hours(20));  // 20 of 24 hours: at risk, not escalated
    HttpResult risky = as("viewer").get(path);
    EXPECT_EQ(risky.json()["sla"]["status"], "at_risk") << risky.body;
    EXPECT_TRUE(risky.json()["sla"]["escalated_at"].is_null());

    start_server(std::chrono::hours(48));
    HttpResult late = as("viewer").get(path);
    ASSERT_EQ(late.status, 200);
    EXPECT_EQ(late.json()["sla"]["status"], "breached");
    EXPECT_EQ(late.json()["sla"]["escalated_to"], "program_manager");
    const json escalated_at = late.json()["sla"]["escalated_at"];
    ASSERT_TRUE(escalated_at.is_string()) << late.body;
    HttpResult metrics = HttpClient(server_->url()).get("/metrics");
    EXPECT_NE(metrics.body.find("spmis_grievances{category=\"in_kind_not_received\",status=\"breached\"} 1"),
              std::string::npos)
        << metrics.body;

    start_server(std::chrono::hours(96));
    HttpResult later = as("viewer").get(path);
    EXPECT_EQ(later.json()["sla"]["escalated_at"], escalated_at);
    const std::vector<std::string> kinds = history_kinds(later.json());
    EXPECT_EQ(std::count(kinds.begin(), kinds.end(), "escalation:new"), 1);
}

}  // namespace
}  // namespace spmis::test

// Programs, memberships, areas, service points and the audit log over real HTTP against
// spmis-server: roles, compile errors with position, illegal transitions, audit events.

#include <string>

#include "server_fixture.hpp"
#include "spmis/base/clock.hpp"
#include "spmis/store/store.hpp"

namespace spmis::test {
namespace {

constexpr const char* kPassword = "correct horse";

class ProgramApiTest : public ServerFixture {
protected:
    void SetUp() override {
        for (const char* role :
             {"program_manager", "enrollment_officer", "program_viewer", "auditor", "administrator"}) {
            ASSERT_EQ(add_user(role, role, kPassword), 0);
        }
        start();
    }

    void as(const std::string& user) { client_->set_bearer(login(user, kPassword)); }

    static nlohmann::json pension() {
        return {{"code", "PENSION"},
                {"name", "Elderly pension"},
                {"target", "individual"},
                {"eligibility_cel", "individual.age >= variables.retirement_age"},
                {"kind", "cash"},
                {"currency", "USD"},
                {"entitlement_rule", {{"kind", "fixed"}, {"value", 5000}}},
                {"variables", {{"retirement_age", "65"}}}};
    }

    // An enrolled membership written straight into the store: enrollment jobs are not part of this API yet.
    std::string add_membership(const std::string& program_id, const std::string& registrant_id) {
        auto store = open_test_store(dir_.path());
        EXPECT_TRUE(store.ok());
        model::ProgramMembership m;
        m.id = new_uuid_v7();
        m.program_id = *Uuid::parse(program_id);
        m.registrant_id = *Uuid::parse(registrant_id);
        m.state = model::MembershipState::kEnrolled;
        m.created_at = m.updated_at = SystemClock::instance().now();
        m.enrollment_date = date_of(m.created_at);
        EXPECT_TRUE((*store)->programs().insert_membership(m).ok());
        return m.id.to_string();
    }
};

TEST_F(ProgramApiTest, ManagerCreatesProgramsOthersAreRefusedAndBadCelNamesPosition) {
    as("enrollment_officer");
    EXPECT_EQ(client_->post_json("/api/v1/programs", pension()).status, 403);
    as("program_manager");
    HttpResult created = client_->post_json("/api/v1/programs", pension());
    ASSERT_EQ(created.status, 201) << created.body;
    EXPECT_EQ(client_->post_json("/api/v1/programs", pension()).status, 409);

    nlohmann::json bad = pension();
    bad["code"] = "BAD";
    bad["eligibility_cel"] = "individual.age >=\n  (65 +";
    HttpResult refused = client_->post_json("/api/v1/programs", bad);
    ASSERT_EQ(refused.status, 400) << refused.body;
    EXPECT_EQ(refused.json()["error"]["field"], "eligibility_cel");
    EXPECT_EQ(refused.json()["error"]["line"], 2);
    EXPECT_GT(refused.json()["error"]["column"].get<int>(), 0);
    bad["eligibility_cel"] = "individual.age >= 65";
    bad["entitlement_rule"] = {{"kind", "cel"}, {"cel", "no_such_name * 2"}};
    refused = client_->post_json("/api/v1/programs", bad);
    ASSERT_EQ(refused.status, 400) << refused.body;
    EXPECT_EQ(refused.json()["error"]["field"], "entitlement_rule.cel");
    EXPECT_EQ(client_->post("/api/v1/programs", "[1,", {}).status, 400);

    as("program_viewer");
    HttpResult list = client_->get("/api/v1/programs");
    ASSERT_EQ(list.status, 200);
    ASSERT_EQ(list.json()["programs"].size(), 1u);
    const std::string id = list.json()["programs"][0]["id"];
    EXPECT_EQ(client_->get("/api/v1/programs/" + id).json()["variables"]["retirement_age"], "65");
    EXPECT_EQ(client_->post("/api/v1/programs/" + id + "/end", "", {}).status, 403);
    EXPECT_EQ(client_->get("/api/v1/programs/0190f0c8-0000-7000-8000-000000000000").status, 404);
    as("administrator");
    EXPECT_EQ(client_->get("/api/v1/programs").status, 403);

    as("program_manager");
    HttpResult ended = client_->post_json("/api/v1/programs/" + id + "/end", {{"reason", "budget"}});
    ASSERT_EQ(ended.status, 200) << ended.body;
    EXPECT_EQ(ended.json()["state"], "ended");
    HttpResult again = client_->post("/api/v1/programs/" + id + "/end", "", {});
    EXPECT_EQ(again.status, 409);
    EXPECT_EQ(again.json()["error"]["from"], "ended");
    EXPECT_EQ(client_->post("/api/v1/programs/" + id + "/reactivate", "", {}).json()["state"], "active");
}

TEST_F(ProgramApiTest, MembershipsMoveByTheStateMachineAndAreAudited) {
    as("program_manager");
    const std::string program = client_->post_json("/api/v1/programs", pension()).json()["id"];
    const std::string person =
        client_->post_json("/api/v1/registrants", {{"name", "Mariama Bah"}}).json()["id"];
    const std::string membership = add_membership(program, person);

    as("program_viewer");
    HttpResult drafts = client_->get("/api/v1/programs/" + program + "/memberships?state=enrolled");
    ASSERT_EQ(drafts.status, 200) << drafts.body;
    ASSERT_EQ(drafts.json()["memberships"].size(), 1u);
    EXPECT_EQ(client_->get("/api/v1/programs/" + program + "/memberships?state=paused")
                  .json()["memberships"]
                  .size(),
              0u);
    EXPECT_EQ(client_->post("/api/v1/memberships/" + membership + "/exit", "", {}).status, 403);

    as("enrollment_officer");
    HttpResult illegal =
        client_->post_json("/api/v1/memberships/" + membership + "/resume", {{"reason", "x"}});
    ASSERT_EQ(illegal.status, 409) << illegal.body;
    EXPECT_EQ(illegal.json()["error"]["from"], "enrolled");
    EXPECT_EQ(illegal.json()["error"]["to"], "enrolled");
    HttpResult paused =
        client_->post_json("/api/v1/memberships/" + membership + "/pause", {{"reason", "travel"}});
    ASSERT_EQ(paused.status, 200) << paused.body;
    EXPECT_EQ(paused.json()["state"], "paused");
    EXPECT_EQ(client_->post("/api/v1/memberships/" + membership + "/resume", "", {}).json()["state"],
              "enrolled");
    HttpResult exited =
        client_->post_json("/api/v1/memberships/" + membership + "/exit", {{"reason", "moved away"}});
    ASSERT_EQ(exited.status, 200) << exited.body;
    EXPECT_EQ(exited.json()["state"], "exited");
    EXPECT_FALSE(exited.json()["exit_date"].is_null());
    EXPECT_EQ(client_->post("/api/v1/memberships/0190f0c8-0000-7000-8000-000000000000/exit", "", {}).status,
              404);

    EXPECT_EQ(client_->get("/api/v1/audit").status, 403);
    as("auditor");
    HttpResult audit = client_->get("/api/v1/audit?record=" + membership);
    ASSERT_EQ(audit.status, 200) << audit.body;
    ASSERT_EQ(audit.json()["events"].size(), 3u);  // pause, resume, exit; the refused call wrote nothing
    EXPECT_EQ(audit.json()["events"][0]["user"], "enrollment_officer");
    EXPECT_EQ(audit.json()["events"][0]["reason"], "travel");
    EXPECT_EQ(audit.json()["events"][2]["reason"], "moved away");
    EXPECT_EQ(audit.json()["events"][2]["after"]["state"], "exited");
    HttpResult page = client_->get("/api/v1/audit?record=" + membership + "&limit=2");
    ASSERT_EQ(page.json()["events"].size(), 2u);
    HttpResult rest = client_->get("/api/v1/audit?record=" + membership +
                                   "&limit=2&cursor=" + page.json()["next_cursor"].get<std::string>());
    ASSERT_EQ(rest.json()["events"].size(), 1u);
    EXPECT_EQ(rest.json()["events"][0]["reason"], "moved away");
    HttpResult by_manager = client_->get("/api/v1/audit?user=program_manager");
    ASSERT_EQ(by_manager.json()["events"].size(), 2u);  // program and registrant creation
    EXPECT_EQ(by_manager.json()["events"][0]["action"], "create");
    EXPECT_EQ(client_->get("/api/v1/audit?since=2999-01-01T00:00:00Z").json()["events"].size(), 0u);
    EXPECT_EQ(client_->get("/api/v1/audit?since=yesterday").status, 400);
}

TEST_F(ProgramApiTest, AreasAndServicePointsCreateListRead) {
    as("enrollment_officer");
    HttpResult region =
        client_->post_json("/api/v1/areas", {{"code", "DL-1"}, {"name", "Région 'Nord'"}, {"level", 1}});
    ASSERT_EQ(region.status, 201) << region.body;
    const std::string area = region.json()["id"];
    EXPECT_EQ(client_->post_json("/api/v1/areas", {{"code", "DL-1"}, {"name", "again"}}).status, 409);
    EXPECT_EQ(
        client_
            ->post_json("/api/v1/areas",
                        {{"code", "X"}, {"name", "x"}, {"parent_id", "0190f0c8-0000-7000-8000-000000000000"}})
            .status,
        400);
    HttpResult sp = client_->post_json(
        "/api/v1/service-points",
        {{"code", "SP-1"}, {"name", "School"}, {"area_id", area}, {"capacity_per_day", 300}});
    ASSERT_EQ(sp.status, 201) << sp.body;

    as("program_viewer");
    EXPECT_EQ(client_->post_json("/api/v1/areas", {{"code", "DL-2"}, {"name", "n"}}).status, 403);
    EXPECT_EQ(client_->get("/api/v1/areas/" + area).json()["name"], "Région 'Nord'");
    EXPECT_EQ(client_->get("/api/v1/areas").json()["areas"].size(), 1u);
    HttpResult sps = client_->get("/api/v1/service-points");
    ASSERT_EQ(sps.json()["service_points"].size(), 1u);
    EXPECT_EQ(client_->get("/api/v1/service-points/" + sp.json()["id"].get<std::string>())
                  .json()["capacity_per_day"],
              300);
    EXPECT_EQ(client_->get("/api/v1/areas/0190f0c8-0000-7000-8000-000000000000").status, 404);
    EXPECT_EQ(client_->get("/api/v1/registrants?area=DL-1").status, 200);
    as("administrator");
    EXPECT_EQ(client_->get("/api/v1/areas").status, 403);
}

}  // namespace
}  // namespace spmis::test

// Enrollment jobs over real HTTP against spmis-server: the demo programs enrolled through jobs give
// the personas their documented outcomes, a job runs while other requests are answered, verify
// rechecks enrolled members only when asked, and a job cut by a restart is reported failed.

#include <chrono>
#include <future>

#include "job_test_support.hpp"
#include "spmis/base/clock.hpp"
#include "spmis/demo/personas.hpp"
#include "spmis/store/store.hpp"
#include "support/test_clock.hpp"

namespace spmis::test {
namespace {

class EnrollmentJobApiTest : public JobApiFixture {};

// Whether the persona (household index, member 0 = the household) is expected in the program.
bool expected_member(const std::string& code, std::size_t h, std::size_t member) {
    const demo::PersonaHousehold& household = demo::persona_households()[h];
    if (code == "ELDERLY_PENSION") return member > 0 && household.members[member - 1].pension_eligible;
    return member == 0 && household.expected.at(code);
}

TEST_F(EnrollmentJobApiTest, DemoProgramsEnrolledThroughJobsGivePersonasTheirExpectedOutcomes) {
    make_demo(40);
    start_with_users();
    as("enrollment_officer");
    const auto programs = program_ids();
    ASSERT_EQ(programs.size(), 6u);
    for (const auto& [code, id] : programs) {
        SCOPED_TRACE(code);
        nlohmann::json imported = run(id, {{"operation", "import_eligible"}, {"reference_date", kDemoDate}});
        EXPECT_EQ(imported["created"], imported["matched"]);
        EXPECT_EQ(imported["errors"], 0);
        EXPECT_EQ(memberships(id, "draft").size(), imported["created"].get<std::size_t>());
        nlohmann::json verified = run(id, {{"operation", "verify"}, {"reference_date", kDemoDate}});
        EXPECT_EQ(verified["enrolled"], imported["created"]);
        EXPECT_EQ(verified["not_eligible"], 0);
        // Importing again never duplicates a membership.
        nlohmann::json again = run(id, {{"operation", "import_eligible"}, {"reference_date", kDemoDate}});
        EXPECT_EQ(again["created"], 0);
        EXPECT_EQ(again["already_members"], imported["matched"]);

        const auto enrolled = memberships(id, "enrolled", 7);  // small pages: the cursor is exercised
        EXPECT_EQ(enrolled.size(), verified["enrolled"].get<std::size_t>());
        for (std::size_t h = 0; h < demo::persona_households().size(); ++h) {
            for (std::size_t m = 0; m <= demo::persona_households()[h].members.size(); ++m) {
                const bool listed = enrolled.count(demo::persona_id(h, m).to_string()) != 0;
                EXPECT_EQ(listed, expected_member(code, h, m)) << "persona " << h << " member " << m;
            }
        }
    }
    HttpResult metrics = client_->get("/metrics");
    EXPECT_NE(metrics.body.find("spmis_jobs{state=\"succeeded\"} 18"), std::string::npos) << metrics.body;
    EXPECT_NE(metrics.body.find("spmis_jobs{state=\"failed\"} 0"), std::string::npos);
}

TEST_F(EnrollmentJobApiTest, OtherRequestsAreAnsweredPromptlyWhileAJobRuns) {
    make_demo(1500);
    start_with_users();
    as("enrollment_officer");
    const std::string program = program_ids().at("ELDERLY_PENSION");
    const std::string job = submit(program, {{"operation", "enroll"}, {"reference_date", kDemoDate}});
    ASSERT_FALSE(job.empty());
    std::size_t answered_while_running = 0;
    double slowest = 0;
    nlohmann::json state;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    while (std::chrono::steady_clock::now() < deadline) {
        state = client_->get("/api/v1/jobs/" + job).json()["job"];
        if (state["state"] == "succeeded" || state["state"] == "failed") break;
        EXPECT_LE(state["progress"]["done"], state["progress"]["total"]);
        for (const char* path : {"/healthz", "/api/v1/programs", "/api/v1/registrants?limit=5"}) {
            HttpResult r = client_->get(path);
            EXPECT_EQ(r.status, 200) << path << ": " << r.body;
            slowest = std::max(slowest, r.seconds);
        }
        // A write goes through too (it waits at most one batch of the job).
        HttpResult created = client_->post_json("/api/v1/registrants", {{"name", "Walk-in"}});
        EXPECT_EQ(created.status, 201) << created.body;
        slowest = std::max(slowest, created.seconds);
        ++answered_while_running;
    }
    EXPECT_EQ(state["state"], "succeeded") << state.dump();
    EXPECT_GT(answered_while_running, 0u) << "the job finished before any request could overlap it";
    EXPECT_LT(slowest, 2.0) << "a request waited for the job";
    EXPECT_EQ(state["progress"]["done"], state["progress"]["total"]);
    EXPECT_GT(state["result"]["enrolled"].get<int>(), 0);
}

TEST_F(EnrollmentJobApiTest, VerifyMovesEnrolledMembersOnlyWhenAskedToRecheck) {
    start_with_users();
    as("program_manager");
    const std::string program =
        client_
            ->post_json("/api/v1/programs", {{"code", "PENSION"},
                                             {"name", "Pension"},
                                             {"target", "individual"},
                                             {"eligibility_cel", "individual.age >= 65"},
                                             {"kind", "cash"},
                                             {"currency", "USD"},
                                             {"entitlement_rule", {{"kind", "fixed"}, {"value", 5000}}}})
            .json()["id"];
    const std::string old_person =
        client_->post_json("/api/v1/registrants", {{"name", "Old"}, {"birthdate", "1950-03-01"}})
            .json()["id"];
    client_->post_json("/api/v1/registrants", {{"name", "Young"}, {"birthdate", "2000-03-01"}});
    as("enrollment_officer");
    nlohmann::json enrolled = run(program, {{"operation", "enroll"}, {"reference_date", kDemoDate}});
    EXPECT_EQ(enrolled["created"], 1);
    EXPECT_EQ(enrolled["enrolled"], 1);

    HttpResult fixed = client_->request("PATCH", "/api/v1/registrants/" + old_person,
                                        nlohmann::json({{"birthdate", "1990-03-01"}}).dump(), {});
    ASSERT_EQ(fixed.status, 200) << fixed.body;
    EXPECT_EQ(run(program, {{"operation", "verify"}, {"reference_date", kDemoDate}})["not_eligible"], 0);
    EXPECT_EQ(memberships(program, "enrolled").size(), 1u);
    nlohmann::json rechecked =
        run(program, {{"operation", "verify"}, {"reference_date", kDemoDate}, {"recheck_enrolled", true}});
    EXPECT_EQ(rechecked["not_eligible"], 1);
    EXPECT_EQ(memberships(program, "not_eligible").count(old_person), 1u);
}

// A program for a job written straight into the store before the server starts.
model::Program job_program() {
    model::Program p;
    p.id = new_uuid_v7();
    p.code = "P";
    p.name = "P";
    p.eligibility_cel = "true";
    p.currency = "USD";
    return p;
}

TEST_F(EnrollmentJobApiTest, JobLeftRunningByAStoppedServerIsFailedAtStartUp) {
    const Uuid job_id = new_uuid_v7();
    {
        auto store = open_test_store(dir_.path());
        ASSERT_TRUE(store.ok());
        const model::Program p = job_program();
        ASSERT_TRUE((*store)->programs().insert_program(p).ok());
        model::Job job;
        job.id = job_id;
        job.program_id = p.id;
        job.state = model::JobState::kRunning;
        job.actor = "someone";
        job.created_at = SystemClock::instance().now();
        job.started_at = job.created_at;
        ASSERT_TRUE((*store)->jobs().insert_job(job).ok());
    }
    start_with_users();
    as("program_viewer");
    HttpResult r = client_->get("/api/v1/jobs/" + job_id.to_string());
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json()["job"]["state"], "failed");
    EXPECT_EQ(r.json()["job"]["error"], "interrupted: its server stopped while running it");
    EXPECT_FALSE(r.json()["job"]["finished_at"].is_null());
}

// Several nodes share the queue: a node that starts leaves alone a job another live node holds.
TEST_F(EnrollmentJobApiTest, JobHeldByAnotherLiveNodeIsLeftRunningAtStartUp) {
    const Uuid job_id = new_uuid_v7();
    {
        auto store = open_test_store(dir_.path());
        ASSERT_TRUE(store.ok());
        const model::Program p = job_program();
        ASSERT_TRUE((*store)->programs().insert_program(p).ok());
        model::Job job;
        job.id = job_id;
        job.program_id = p.id;
        job.actor = "someone";
        job.created_at = SystemClock::instance().now();
        ASSERT_TRUE((*store)->jobs().insert_job(job).ok());
        const UtcTime now = test_clock().now();  // the server's today, whatever day CI sets
        Status claimed = (*store)->transaction([&]() -> Status {
            SPMIS_ASSIGN_OR_RETURN(bool mine, (*store)->jobs().claim_job(job_id, "other-node", now,
                                                                         now + std::chrono::hours(1)));
            EXPECT_TRUE(mine);
            SPMIS_ASSIGN_OR_RETURN(bool again, (*store)->jobs().claim_job(job_id, "third-node", now,
                                                                          now + std::chrono::hours(1)));
            EXPECT_FALSE(again) << "a running job is claimed once";
            return Status{};
        });
        ASSERT_TRUE(claimed.ok()) << claimed.to_string();
    }
    start_with_users();
    as("program_viewer");
    HttpResult r = client_->get("/api/v1/jobs/" + job_id.to_string());
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json()["job"]["state"], "running") << r.body;
    EXPECT_TRUE(r.json()["job"]["error"].is_null()) << r.body;
}

}  // namespace
}  // namespace spmis::test

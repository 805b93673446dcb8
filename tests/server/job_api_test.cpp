// The job routes' contract over real HTTP: roles, bad input, deduplication outcomes, membership
// paging in the database and exits with a date.

#include "job_test_support.hpp"

namespace spmis::test {
namespace {

constexpr const char* kUnknownId = "0190f0c8-0000-7000-8000-000000000000";

class JobApiTest : public JobApiFixture {
protected:
    void SetUp() override { start_with_users(); }

    // A program for individuals aged 18 and over (everyone created below).
    std::string adults_program(const std::string& code) {
        as("program_manager");
        HttpResult r = client_->post_json("/api/v1/programs",
                                          {{"code", code},
                                           {"name", code},
                                           {"target", "individual"},
                                           {"eligibility_cel", "individual.age >= 18"},
                                           {"kind", "cash"},
                                           {"currency", "USD"},
                                           {"entitlement_rule", {{"kind", "fixed"}, {"value", 100}}}});
        EXPECT_EQ(r.status, 201) << r.body;
        return r.json()["id"];
    }

    std::string person(const nlohmann::json& fields) {
        as("enrollment_officer");
        HttpResult r = client_->post_json("/api/v1/registrants", fields);
        EXPECT_EQ(r.status, 201) << r.body;
        return r.json()["id"];
    }
};

TEST_F(JobApiTest, RolesBadInputAndUnknownIdsAreRefusedClearly) {
    const std::string program = adults_program("ADULTS");
    const nlohmann::json verify = {{"operation", "verify"}};
    as("program_viewer");
    HttpResult refused = client_->post_json("/api/v1/programs/" + program + "/jobs", verify);
    EXPECT_EQ(refused.status, 403);
    EXPECT_EQ(error_code(refused), "permission_denied");
    as("finance_officer");
    EXPECT_EQ(client_->post_json("/api/v1/programs/" + program + "/jobs", verify).status, 403);
    client_->set_bearer("");
    EXPECT_EQ(client_->post_json("/api/v1/programs/" + program + "/jobs", verify).status, 401);

    as("enrollment_officer");
    const std::string job = submit(program, verify);
    ASSERT_FALSE(job.empty());
    const std::string path = "/api/v1/programs/" + program + "/jobs";
    EXPECT_EQ(client_->post_json("/api/v1/programs/" + std::string(kUnknownId) + "/jobs", verify).status,
              404);
    EXPECT_EQ(client_->post_json("/api/v1/programs/not-an-id/jobs", verify).status, 404);
    HttpResult unknown_op = client_->post_json(path, {{"operation", "delete_everything"}});
    EXPECT_EQ(unknown_op.status, 400);
    EXPECT_NE(unknown_op.json()["error"]["message"].get<std::string>().find("delete_everything"),
              std::string::npos);
    EXPECT_EQ(client_->post_json(path, nlohmann::json::object()).status, 400);
    EXPECT_EQ(client_->post(path, "{\"operation\": ", {}).status, 400);
    EXPECT_EQ(client_->post(path, "[\"verify\"]", {}).status, 400);
    EXPECT_EQ(client_->post_json(path, {{"operation", "verify"}, {"extra", 1}}).status, 400);
    EXPECT_EQ(client_->post_json(path, {{"operation", "verify"}, {"reference_date", "tomorrow"}}).status,
              400);
    EXPECT_EQ(client_->post_json(path, {{"operation", "verify"}, {"recheck_enrolled", "yes"}}).status, 400);
    EXPECT_EQ(client_->post_json(path, {{"operation", "deduplicate"}, {"rules", {"same_shoes"}}}).status,
              400);
    EXPECT_EQ(client_->post_json(path, {{"operation", "enroll"}, {"rules", {"national_id"}}}).status, 400);
    EXPECT_EQ(client_
                  ->post_json(
                      path, {{"operation", "verify"}, {"reference_date", "2026-01-01'; DROP TABLE jobs;--"}})
                  .status,
              400);

    as("program_viewer");
    HttpResult read = client_->get("/api/v1/jobs/" + job);
    ASSERT_EQ(read.status, 200) << read.body;
    EXPECT_EQ(read.json()["job"]["operation"], "verify");
    EXPECT_EQ(read.json()["job"]["actor"], "enrollment_officer");
    EXPECT_EQ(wait_job(job)["state"], "succeeded");
    EXPECT_EQ(client_->get("/api/v1/jobs/" + std::string(kUnknownId)).status, 404);
    EXPECT_EQ(client_->get("/api/v1/jobs/nonsense").status, 404);
    as("finance_officer");
    EXPECT_EQ(client_->get("/api/v1/jobs/" + job).status, 200);
}

TEST_F(JobApiTest, DeduplicateFlagsLaterRecordsAgainstTheOldestByTheChosenRules) {
    const std::string nid = adults_program("NID_ONLY");
    const std::string both = adults_program("BOTH_RULES");
    const std::string first =
        person({{"name", "Awa Diallo"}, {"birthdate", "1980-05-01"}, {"national_id", "N-1"}});
    const std::string same_nid =
        person({{"name", "A. Diallo"}, {"birthdate", "1981-01-01"}, {"national_id", "N-1"}});
    const std::string same_name =
        person({{"name", "awa   DIALLO"}, {"birthdate", "1980-05-01"}, {"national_id", "N-9"}});
    const std::string other = person({{"name", "Awa Diallo"}, {"birthdate", "1999-05-01"}});
    as("enrollment_officer");
    for (const auto& program : {nid, both}) {
        EXPECT_EQ(run(program, {{"operation", "import_eligible"}, {"reference_date", kDemoDate}})["created"],
                  4);
    }
    nlohmann::json by_nid = run(nid, {{"operation", "deduplicate"}, {"rules", {"national_id"}}});
    EXPECT_EQ(by_nid["flagged_pairs"], 1);
    EXPECT_EQ(by_nid["examined"], 4);
    nlohmann::json by_both = run(both, {{"operation", "deduplicate"}});
    EXPECT_EQ(by_both["flagged_pairs"], 2);

    const auto all = memberships(both, "");
    const std::string original = all.at(first)["id"];
    EXPECT_EQ(all.at(first)["state"], "draft");
    EXPECT_EQ(all.at(same_nid)["state"], "duplicated");
    EXPECT_EQ(all.at(same_nid)["duplicate_of"], original);
    EXPECT_EQ(all.at(same_name)["state"], "duplicated");
    EXPECT_EQ(all.at(same_name)["duplicate_of"], original);
    EXPECT_EQ(all.at(other)["state"], "draft");
    EXPECT_EQ(memberships(nid, "duplicated").count(same_name), 0u);
    // Running it again flags nothing new; verify then enrolls only the non-duplicates.
    EXPECT_EQ(run(both, {{"operation", "deduplicate"}})["flagged_pairs"], 0);
    EXPECT_EQ(run(both, {{"operation", "verify"}, {"reference_date", kDemoDate}})["enrolled"], 2);
}

TEST_F(JobApiTest, MembershipsPageByCursorAndExitRecordsTheDate) {
    const std::string program = adults_program("PAGED");
    for (int i = 0; i < 23; ++i)
        person({{"name", "Person " + std::to_string(i)}, {"birthdate", "1970-01-01"}});
    as("enrollment_officer");
    EXPECT_EQ(run(program, {{"operation", "enroll"}, {"reference_date", kDemoDate}})["enrolled"], 23);

    as("program_viewer");
    const std::string base = "/api/v1/programs/" + program + "/memberships";
    HttpResult first = client_->get(base + "?limit=10");
    ASSERT_EQ(first.status, 200) << first.body;
    EXPECT_EQ(first.json()["memberships"].size(), 10u);
    HttpResult second =
        client_->get(base + "?limit=10&cursor=" + first.json()["next_cursor"].get<std::string>());
    EXPECT_EQ(second.json()["memberships"].size(), 10u);
    EXPECT_GT(second.json()["memberships"][0]["id"].get<std::string>(),
              first.json()["memberships"][9]["id"].get<std::string>());
    HttpResult last =
        client_->get(base + "?limit=10&cursor=" + second.json()["next_cursor"].get<std::string>());
    EXPECT_EQ(last.json()["memberships"].size(), 3u);
    EXPECT_TRUE(last.json()["next_cursor"].is_null());
    EXPECT_EQ(memberships(program, "enrolled", 4).size(), 23u);
    EXPECT_EQ(client_->get(base + "?state=draft").json()["memberships"].size(), 0u);
    EXPECT_EQ(client_->get(base + "?state=sleeping").status, 400);
    EXPECT_EQ(client_->get(base + "?limit=0").status, 400);
    EXPECT_EQ(client_->get(base + "?cursor=xyz").status, 400);

    as("enrollment_officer");
    const std::string membership = first.json()["memberships"][0]["id"];
    const std::string exit = "/api/v1/memberships/" + membership + "/exit";
    EXPECT_EQ(client_->post_json(exit, {{"date", "15/10/2026"}}).status, 400);
    HttpResult exited = client_->post_json(exit, {{"date", "2026-10-15"}, {"reason", "moved away"}});
    ASSERT_EQ(exited.status, 200) << exited.body;
    EXPECT_EQ(exited.json()["exit_date"], "2026-10-15");
    HttpResult again = client_->post_json(exit, {{"date", "2026-10-16"}});
    ASSERT_EQ(again.status, 409) << again.body;
    EXPECT_EQ(again.json()["error"]["from"], "exited");
    EXPECT_EQ(again.json()["error"]["to"], "exited");
    HttpResult pause = client_->post("/api/v1/memberships/" + membership + "/pause", "", {});
    EXPECT_EQ(pause.status, 409);
    EXPECT_EQ(pause.json()["error"]["to"], "paused");
}

}  // namespace
}  // namespace spmis::test

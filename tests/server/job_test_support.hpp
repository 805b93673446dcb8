#pragma once
// Helpers of the enrollment job tests: users of every role, a demo data directory, job polling.

#include <chrono>
#include <map>
#include <string>
#include <thread>

#include "server_fixture.hpp"

namespace spmis::test {

inline constexpr const char* kJobPassword = "correct horse";
inline constexpr const char* kDemoDate = "2026-11-01";

class JobApiFixture : public ServerFixture {
protected:
    // Accounts for the roles the tests use, then the server.
    void start_with_users() {
        for (const char* role :
             {"program_manager", "enrollment_officer", "program_viewer", "finance_officer"}) {
            ASSERT_EQ(add_user(role, role, kJobPassword), 0);
        }
        start();
    }

    // `spmis-server demo` with `households` random households besides the personas.
    void make_demo(std::size_t households) {
        std::string out;
        ASSERT_EQ(
            run_server_command({"demo", "--data", dir_.path(), "--households", std::to_string(households)},
                               "", &out, std::chrono::seconds(120)),
            0)
            << out;
    }

    // Acts as `user` from now on (logs in once per user: password hashing is slow on purpose).
    void as(const std::string& user) {
        auto it = tokens_.find(user);
        if (it == tokens_.end()) it = tokens_.emplace(user, login(user, kJobPassword)).first;
        client_->set_bearer(it->second);
    }

    // Queues a job; returns its id ("" and a test failure when refused).
    std::string submit(const std::string& program_id, const nlohmann::json& body) {
        HttpResult r = client_->post_json("/api/v1/programs/" + program_id + "/jobs", body);
        EXPECT_EQ(r.status, 202) << r.body;
        if (r.status != 202) return {};
        EXPECT_EQ(r.json()["job"]["state"], "queued");
        return r.json()["job"]["id"];
    }

    // Polls the job until it has finished (or 120 s passed); returns its last JSON.
    nlohmann::json wait_job(const std::string& job_id) {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
        nlohmann::json job;
        while (std::chrono::steady_clock::now() < deadline) {
            job = client_->get("/api/v1/jobs/" + job_id).json()["job"];
            if (job["state"] == "succeeded" || job["state"] == "failed") return job;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        ADD_FAILURE() << "job " << job_id << " did not finish: " << job.dump();
        return job;
    }

    // Submits and waits; fails the test unless the job succeeds. Returns its result.
    nlohmann::json run(const std::string& program_id, const nlohmann::json& body) {
        const std::string id = submit(program_id, body);
        if (id.empty()) return {};
        nlohmann::json job = wait_job(id);
        EXPECT_EQ(job["state"], "succeeded") << job.dump();
        return job["result"];
    }

    // Every membership of a program in `state` ("" for all), paging with `limit`; registrant -> membership.
    std::map<std::string, nlohmann::json> memberships(const std::string& program_id, const std::string& state,
                                                      int limit = 1000) {
        std::map<std::string, nlohmann::json> out;
        std::string cursor;
        for (int page = 0; page < 10000; ++page) {
            std::string path =
                "/api/v1/programs/" + program_id + "/memberships?limit=" + std::to_string(limit);
            if (!state.empty()) path += "&state=" + state;
            if (!cursor.empty()) path += "&cursor=" + cursor;
            HttpResult r = client_->get(path);
            EXPECT_EQ(r.status, 200) << r.body;
            nlohmann::json body = r.json();
            EXPECT_LE(body["memberships"].size(), static_cast<std::size_t>(limit));
            for (const auto& m : body["memberships"]) {
                EXPECT_TRUE(out.emplace(m["registrant_id"].get<std::string>(), m).second) << "listed twice";
            }
            if (body["next_cursor"].is_null()) break;
            cursor = body["next_cursor"];
        }
        return out;
    }

    // Program code -> id.
    std::map<std::string, std::string> program_ids() {
        std::map<std::string, std::string> out;
        const nlohmann::json body = client_->get("/api/v1/programs").json();
        for (const auto& p : body["programs"]) out[p["code"]] = p["id"];
        return out;
    }

    std::map<std::string, std::string> tokens_;
};

}  // namespace spmis::test

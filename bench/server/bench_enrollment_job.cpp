// Import eligible + verify for N demo households through spmis-server's enrollment jobs (HTTP,
// job queue, batched commits), and an enroll job on a second program, beside the same import +
// verify called directly on the enrollment library (one transaction each, no HTTP) on a copy of the
// same database: the ratio is what running it as an API job costs. SPMIS_BENCH_SIZE: smoke =
// 2,000 households, full = 1,000,000, otherwise 20,000. Times include neither demo generation nor
// server start-up.

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <stdexcept>
#include <string>
#include <thread>

#include "spmis/bench/bench_size.hpp"
#include "spmis/demo/demo_data.hpp"
#include "spmis/programs/enrollment.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using spmis::test::HttpClient;

constexpr const char* kPassword = "bench password";
constexpr const char* kReference = "2026-11-01";

std::size_t households() { return spmis::bench::pick(2'000, 20'000, 1'000'000); }

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

void check(bool ok, const std::string& what) {
    if (!ok) throw std::runtime_error(what);
}

// Runs one job to its end through the API; returns its result.
nlohmann::json run_job(const HttpClient& client, const std::string& program, const std::string& operation) {
    auto queued = client.post_json("/api/v1/programs/" + program + "/jobs",
                                   {{"operation", operation}, {"reference_date", kReference}});
    check(queued.status == 202, "job refused: " + queued.body);
    const std::string path = "/api/v1/jobs/" + queued.json()["job"]["id"].get<std::string>();
    while (true) {
        nlohmann::json job = client.get(path).json()["job"];
        if (job["state"] == "succeeded") return job["result"];
        check(job["state"] != "failed", "job failed: " + job.dump());
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

std::string program_id(const HttpClient& client, const std::string& code) {
    const nlohmann::json body = client.get("/api/v1/programs").json();
    for (const auto& p : body["programs"]) {
        if (p["code"] == code) return p["id"];
    }
    throw std::runtime_error("no program " + code);
}

// The same import + verify on the library, on its own copy of the database.
double direct_seconds(const std::string& dir, std::size_t* enrolled) {
    auto store = spmis::store::open_store_in_directory(dir);
    check(store.ok(), "cannot open the baseline copy");
    auto program = (*store)->programs().find_program_by_code("CHILD_GRANT");
    check(program.ok() && program->has_value(), "no CHILD_GRANT in the baseline copy");
    spmis::programs::EnrollmentOptions options;
    options.reference = spmis::demo::kDemoReferenceDate;
    const auto start = Clock::now();
    auto imported = spmis::programs::import_eligible(**store, (*program)->id, options);
    auto verified = spmis::programs::verify(**store, (*program)->id, options);
    const double seconds = seconds_since(start);
    check(imported.ok() && verified.ok(), "direct enrollment failed");
    *enrolled = verified->enrolled;
    return seconds;
}

}  // namespace

int main() {
    const std::size_t n = households();
    try {
        spmis::test::TempDir api_dir;
        spmis::test::TempDir direct_dir;
        std::string out;
        const auto generate = Clock::now();
        check(spmis::test::run_server_command(
                  {"demo", "--data", api_dir.path(), "--households", std::to_string(n)}, "", &out,
                  std::chrono::hours(6)) == 0,
              "demo failed: " + out);
        const double generate_seconds = seconds_since(generate);
        for (const auto& entry : std::filesystem::directory_iterator(api_dir.path())) {
            std::filesystem::copy_file(entry.path(),
                                       std::filesystem::path(direct_dir.path()) / entry.path().filename());
        }
        check(spmis::test::run_server_command({"user", "add", "--data", api_dir.path(), "--username", "bench",
                                               "--role", "enrollment_officer"},
                                              std::string(kPassword) + "\n") == 0,
              "user add failed");

        spmis::test::ServerProcess server(api_dir.path(), {"--log-level", "warn"});
        HttpClient client(server.url(), std::chrono::seconds(60));
        auto login = client.post_json("/api/v1/auth/login", {{"username", "bench"}, {"password", kPassword}});
        check(login.status == 200, "login failed: " + login.body);
        client.set_bearer(login.json()["token"].get<std::string>());

        const std::string child_grant = program_id(client, "CHILD_GRANT");
        const auto start = Clock::now();
        const nlohmann::json imported = run_job(client, child_grant, "import_eligible");
        const nlohmann::json verified = run_job(client, child_grant, "verify");
        const double api_seconds = seconds_since(start);
        const auto enroll_start = Clock::now();
        const nlohmann::json enrolled = run_job(client, program_id(client, "FOOD_BASKET"), "enroll");
        const double enroll_seconds = seconds_since(enroll_start);
        server.stop();

        std::size_t direct_enrolled = 0;
        const double direct = direct_seconds(direct_dir.path(), &direct_enrolled);
        check(direct_enrolled == verified["enrolled"].get<std::size_t>(), "API and library disagree");

        std::printf("%zu demo households (+ personas), generated in %.1f s\n", n, generate_seconds);
        std::printf("CHILD_GRANT import_eligible + verify jobs over HTTP: %.2f s (%s created, %s enrolled)\n",
                    api_seconds, imported["created"].dump().c_str(), verified["enrolled"].dump().c_str());
        std::printf("  baseline: the same on the library directly:     %.2f s   ratio %.2f\n", direct,
                    api_seconds / direct);
        std::printf("FOOD_BASKET enroll job over HTTP:                  %.2f s (%s enrolled)\n",
                    enroll_seconds, enrolled["enrolled"].dump().c_str());
        std::fflush(stdout);
    } catch (const std::exception& e) {
        std::cerr << "bench_enrollment_job: " << e.what() << "\n";
        return 1;
    }
    return 0;
}

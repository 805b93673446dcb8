// Load and shutdown: many concurrent JSON posts must not wedge the server, and SIGTERM with
// requests in flight must end it cleanly within seconds.

#include <atomic>
#include <csignal>
#include <iostream>
#include <thread>

#include "server_fixture.hpp"

namespace spmis::test {
namespace {

using LoadTest = ServerFixture;

TEST_F(LoadTest, ServesAt64ConcurrencyAndStillAnswersHealthzAtOnce) {
    ASSERT_EQ(add_user("admin", "administrator", "correct horse"), 0);
    start();
    client_->set_bearer(login("admin", "correct horse"));
    constexpr int kTotal = 256;
    constexpr int kThreads = 64;
    std::atomic<int> next{0};
    std::atomic<int> conflicts{0};
    std::atomic<int> others{0};
    // Creating an existing user parses the JSON body, checks the token and role and reads the
    // store, then answers 409: the full request path without an argon2 hash per request.
    const nlohmann::json body = {{"username", "admin"}, {"password", "another pass"}, {"role", "auditor"}};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&] {
            while (next.fetch_add(1) < kTotal) {
                HttpResult r = client_->post_json("/api/v1/users", body);
                (r.status == 409 && error_code(r) == "already_exists" ? conflicts : others)++;
            }
        });
    }
    for (std::thread& t : threads) t.join();
    EXPECT_EQ(conflicts.load(), kTotal);
    EXPECT_EQ(others.load(), 0);
    HttpResult health = client_->get("/healthz");
    EXPECT_EQ(health.status, 200);
    EXPECT_LT(health.seconds, 1.0);
}

TEST_F(LoadTest, ExitsCleanlyOnSigtermWithRequestsInFlight) {
    ASSERT_EQ(add_user("admin", "administrator", "correct horse"), 0);
    start();
    std::atomic<bool> stop{false};
    std::atomic<int> answered{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 16; ++t) {
        threads.emplace_back([&] {
            HttpClient client(server_->url(), std::chrono::seconds(10));
            while (!stop) {
                // Each login spends an argon2 verification: requests are in flight when SIGTERM comes.
                HttpResult r = client.post_json("/api/v1/auth/login",
                                                {{"username", "admin"}, {"password", "correct horse"}});
                if (r.status != 0) answered++;
            }
        });
    }
    while (answered.load() < 4) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    const auto signalled = std::chrono::steady_clock::now();
    server_->signal(SIGTERM);
    std::optional<int> status = server_->wait_exit(std::chrono::seconds(8));
    const double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - signalled).count();
    stop = true;
    for (std::thread& t : threads) t.join();
    ASSERT_TRUE(status.has_value()) << "server still running 8 s after SIGTERM";
    EXPECT_EQ(*status, 0);
    EXPECT_LT(took, 5.0);
    std::cerr << "exited " << took << " s after SIGTERM\n";
}

}  // namespace
}  // namespace spmis::test

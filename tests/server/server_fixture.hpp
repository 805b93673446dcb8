#pragma once
// A fresh data directory and a real spmis-server on 127.0.0.1 with a free port, per test; its records
// in a fresh PostgreSQL database when ctest runs the test `..._on_postgres` (TestDatabase).

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"
#include "support/test_database.hpp"

namespace spmis::test {

class ServerFixture : public ::testing::Test {
protected:
    void start(const std::vector<std::string>& extra_args = {}) {
        server_ = std::make_unique<ServerProcess>(dir_.path(), extra_args);
        client_ = std::make_unique<HttpClient>(server_->url());
    }

    // Creates an account with `spmis-server user add`; returns its exit status.
    int add_user(const std::string& username, const std::string& role, const std::string& password) {
        return run_server_command(
            {"user", "add", "--data", dir_.path(), "--username", username, "--role", role}, password + "\n");
    }

    // Logs in and returns the token ("" on failure).
    std::string login(const std::string& username, const std::string& password) {
        HttpResult r =
            client_->post_json("/api/v1/auth/login", {{"username", username}, {"password", password}});
        if (r.status != 200) return {};
        return r.json().value("token", "");
    }

    // An error body's code ("" when the body is not our error shape).
    static std::string error_code(const HttpResult& r) {
        nlohmann::json j = r.json();
        if (!j.is_object() || !j.contains("error") || !j["error"].contains("code")) return {};
        return j["error"]["code"].get<std::string>();
    }

    TestDatabase database_;  // first made, last dropped: after the server has stopped
    TempDir dir_;
    std::unique_ptr<ServerProcess> server_;
    std::unique_ptr<HttpClient> client_;
};

}  // namespace spmis::test

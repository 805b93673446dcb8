#pragma once
// A fresh, empty PostgreSQL database per test on the throwaway cluster ctest starts (the fixture
// `postgres`: tests/support/pg_cluster.sh), dropped when the test ends.

#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "spmis/base/uuid.hpp"
#include "spmis/postgres/connection.hpp"

namespace spmis::testing {

// The cluster's state file `name` ("url", "password_url", "dir"), or SPMIS_TEST_POSTGRES's value for
// "url". Fails the test (never skips it) when there is no cluster.
inline std::string postgres_cluster(const std::string& name) {
    if (name == "url") {
        if (const char* env = std::getenv("SPMIS_TEST_POSTGRES"); env != nullptr && *env != '\0') return env;
    }
    std::ifstream in(std::string(SPMIS_BINARY_DIR) + "/pg-cluster/" + name);
    std::string value;
    std::getline(in, value);
    if (value.empty()) {
        ADD_FAILURE()
            << "no PostgreSQL cluster: run the tests through ctest (its fixture `postgres` starts one) "
               "or set SPMIS_TEST_POSTGRES";
    }
    return value;
}

// `url` with its database name replaced by `database` (URLs of the form scheme://user@/db?query).
inline std::string with_database(const std::string& url, const std::string& database) {
    const std::size_t query = url.find('?');
    const std::size_t slash = url.rfind('/', query);
    return url.substr(0, slash + 1) + database + (query == std::string::npos ? "" : url.substr(query));
}

class ScratchDatabase {
public:
    ScratchDatabase() : admin_url_(postgres_cluster("url")) {
        name_ = "spmis_test_" + new_uuid_v7().to_string().substr(24);
        auto admin = postgres::Connection::open({admin_url_});
        if (!admin.ok()) {
            ADD_FAILURE() << admin.status().message();
            return;
        }
        const Status created = (*admin)->exec("CREATE DATABASE " + name_);
        EXPECT_TRUE(created.ok()) << created.message();
        url_ = with_database(admin_url_, name_);
    }
    ~ScratchDatabase() {
        auto admin = postgres::Connection::open({admin_url_});
        if (admin.ok()) (void)(*admin)->exec("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
    }
    ScratchDatabase(const ScratchDatabase&) = delete;
    ScratchDatabase& operator=(const ScratchDatabase&) = delete;

    const std::string& url() const { return url_; }
    const std::string& name() const { return name_; }
    std::unique_ptr<postgres::Connection> connect(KillSwitch* kill_switch = nullptr) const {
        auto c = postgres::Connection::open({url_, 10, "spmis-test", kill_switch});
        EXPECT_TRUE(c.ok()) << c.status().message();
        if (!c.ok()) return nullptr;
        return std::move(*c);
    }

private:
    std::string admin_url_;
    std::string name_;
    std::string url_;
};

}  // namespace spmis::testing

#pragma once
// The one parameter that runs an end-to-end test on PostgreSQL instead of SQLite: ctest runs the
// same test binary again with SPMIS_TEST_BACKEND=postgres. A TestDatabase then makes a new
// database on the throwaway cluster ctest's fixture `postgres` started, points every spmis-server
// the test runs at it (SPMIS_DATABASE, which serve's configuration and every command read), and
// drops it at the end. Under SQLite it does nothing and the data directory holds the store.

#include <memory>
#include <string>

#include "spmis/base/clock.hpp"
#include "spmis/store/store.hpp"

namespace spmis::test {

class TestDatabase {
public:
    TestDatabase();  // throws std::runtime_error when the PostgreSQL database cannot be made
    ~TestDatabase();
    TestDatabase(const TestDatabase&) = delete;
    TestDatabase& operator=(const TestDatabase&) = delete;

    bool postgres() const { return !url_.empty(); }
    const std::string& url() const { return url_; }
    // Runs SQL as the cluster's administrator in this database (PostgreSQL only).
    Status exec(const std::string& sql) const;
    // Drops the database now, closing every connection to it (a lost database, for health tests).
    Status drop() const;
    // Drops the database and creates it again, empty (a lost database replaced, for restore tests).
    Status recreate() const;
    // Where the test's store is: the database's URL, or else `data_dir`.
    std::string location(const std::string& data_dir) const { return postgres() ? url_ : data_dir; }

private:
    std::string admin_url_;
    std::string name_;
    std::string url_;
};

// The store the servers of this test use: on the current TestDatabase when there is one (the
// SPMIS_DATABASE it set), else in data_dir.
Result<std::unique_ptr<store::Store>> open_test_store(const std::string& data_dir, Clock* clock = nullptr);

}  // namespace spmis::test

#include "support/test_database.hpp"

#include <cstdlib>
#include <fstream>
#include <stdexcept>

#include "spmis/base/uuid.hpp"
#include "spmis/postgres/connection.hpp"

namespace spmis::test {
namespace {

// The cluster's admin URL, written by tests/support/pg_cluster.sh under the build directory.
std::string cluster_url() {
    std::ifstream in(std::string(SPMIS_BINARY_DIR) + "/pg-cluster/url");
    std::string url;
    std::getline(in, url);
    if (url.empty())
        throw std::runtime_error(
            "SPMIS_TEST_BACKEND=postgres but no cluster: run through ctest (fixture postgres)");
    return url;
}

// `url` with its database name replaced (URLs of the form scheme://user@/db?query).
std::string with_database(const std::string& url, const std::string& database) {
    const std::size_t query = url.find('?');
    const std::size_t slash = url.rfind('/', query);
    return url.substr(0, slash + 1) + database + (query == std::string::npos ? "" : url.substr(query));
}

Status admin_exec(const std::string& admin_url, const std::string& sql) {
    SPMIS_ASSIGN_OR_RETURN(auto admin, postgres::Connection::open({admin_url}));
    return admin->exec(sql);
}

}  // namespace

TestDatabase::TestDatabase() {
    const char* backend = std::getenv("SPMIS_TEST_BACKEND");
    if (backend == nullptr || std::string(backend) != "postgres") return;
    admin_url_ = cluster_url();
    name_ = "spmis_e2e_" + new_uuid_v7().to_string().substr(24);
    const Status created = admin_exec(admin_url_, "CREATE DATABASE " + name_);
    if (!created.ok()) throw std::runtime_error("cannot create the test database: " + created.to_string());
    url_ = with_database(admin_url_, name_);
    setenv("SPMIS_DATABASE", url_.c_str(), 1);
}

TestDatabase::~TestDatabase() {
    if (!postgres()) return;
    unsetenv("SPMIS_DATABASE");
    (void)admin_exec(admin_url_, "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
}

Status TestDatabase::exec(const std::string& sql) const { return admin_exec(url_, sql); }

Status TestDatabase::drop() const {
    return admin_exec(admin_url_, "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
}

Status TestDatabase::recreate() const {
    SPMIS_RETURN_IF_ERROR(drop());
    return admin_exec(admin_url_, "CREATE DATABASE " + name_);
}

Result<std::unique_ptr<store::Store>> open_test_store(const std::string& data_dir, Clock* clock) {
    const char* database = std::getenv("SPMIS_DATABASE");
    if (database != nullptr && store::is_postgres_url(database)) return store::open_store_at(database, clock);
    return store::open_store_in_directory(data_dir, clock);
}

}  // namespace spmis::test

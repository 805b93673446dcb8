#pragma once
// Repository tests run against every backend through this fixture: a test written with
// TEST_P(StoreTest, ...) sees only the Store interface. A test binary built with
// SPMIS_STORE_TESTS_ON_POSTGRES runs each of them on SQLite and on PostgreSQL (a new database per
// test on the cluster ctest's fixture `postgres` starts).

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "spmis/store/store.hpp"
#ifdef SPMIS_STORE_TESTS_ON_POSTGRES
#include "../postgres/scratch_database.hpp"
#endif

namespace spmis::store::testing {

// A fresh directory under the system temp dir, removed on destruction.
class TempDir {
public:
    TempDir() {
        path_ = std::filesystem::temp_directory_path() / ("spmis-test-" + new_uuid_v7().to_string());
        std::filesystem::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    std::string path() const { return path_.string(); }
    std::string file(const std::string& name) const { return (path_ / name).string(); }

private:
    std::filesystem::path path_;
};

// Where a backend keeps a test's store: a file in the test's directory, or a new PostgreSQL database.
class BackendPlace {
public:
    explicit BackendPlace(const std::string& backend) : backend_(backend) {
#ifdef SPMIS_STORE_TESTS_ON_POSTGRES
        if (backend == "postgres") postgres_ = std::make_unique<::spmis::testing::ScratchDatabase>();
#endif
    }
    Result<std::unique_ptr<Store>> open(Clock* clock) const {
        if (backend_ == "sqlite") return open_sqlite_store(StoreOptions{dir_.file("spmis.db"), clock, 0});
#ifdef SPMIS_STORE_TESTS_ON_POSTGRES
        if (backend_ == "postgres") return open_postgres_store(PostgresStoreOptions{postgres_->url(), clock});
#endif
        return make_error(ErrorCode::kInvalidArgument, "unknown store backend " + backend_);
    }
    const TempDir& dir() const { return dir_; }

private:
    std::string backend_;
    TempDir dir_;
#ifdef SPMIS_STORE_TESTS_ON_POSTGRES
    std::unique_ptr<::spmis::testing::ScratchDatabase> postgres_;
#endif
};

class StoreTest : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        auto s = place_.open(&clock_);
        ASSERT_TRUE(s.ok()) << s.status().to_string();
        store_ = std::move(s).value();
    }
    void TearDown() override { store_.reset(); }  // before its database is dropped

    BackendPlace place_{GetParam()};
    FakeClock clock_{from_unix_micros(1'790'000'000'000'000)};
    std::unique_ptr<Store> store_;
};

inline Uuid id() { return new_uuid_v7(); }

}  // namespace spmis::store::testing

#ifdef SPMIS_STORE_TESTS_ON_POSTGRES
#define SPMIS_INSTANTIATE_STORE_TESTS(suite)                                                    \
    INSTANTIATE_TEST_SUITE_P(Backends, suite,                                                   \
                             ::testing::Values(std::string("sqlite"), std::string("postgres")), \
                             [](const auto& info) { return info.param; })
#else
#define SPMIS_INSTANTIATE_STORE_TESTS(suite) \
    INSTANTIATE_TEST_SUITE_P(Backends, suite, ::testing::Values(std::string("sqlite")))
#endif

#pragma once
// Repository tests run against every backend through this fixture: a test written with
// TEST_P(StoreTest, ...) sees only the Store interface. SPMIS_STORE_BACKENDS could later list
// "postgres" as well; today the only backend is "sqlite".

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "spmis/store/store.hpp"

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

// The backend factory used by the shared repository tests.
inline Result<std::unique_ptr<Store>> open_backend(const std::string& backend, const TempDir& dir,
                                                   Clock* clock) {
    if (backend == "sqlite") return open_sqlite_store(StoreOptions{dir.file("spmis.db"), clock, 0});
    return make_error(ErrorCode::kInvalidArgument, "unknown store backend " + backend);
}

class StoreTest : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        auto s = open_backend(GetParam(), dir_, &clock_);
        ASSERT_TRUE(s.ok()) << s.status().to_string();
        store_ = std::move(s).value();
    }

    TempDir dir_;
    FakeClock clock_{from_unix_micros(1'790'000'000'000'000)};
    std::unique_ptr<Store> store_;
};

inline Uuid id() { return new_uuid_v7(); }

}  // namespace spmis::store::testing

#define SPMIS_INSTANTIATE_STORE_TESTS(suite) \
    INSTANTIATE_TEST_SUITE_P(Backends, suite, ::testing::Values(std::string("sqlite")))

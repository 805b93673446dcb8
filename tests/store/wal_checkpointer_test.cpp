// WalCheckpointer: checkpoints off the writer's path keep the WAL bounded, and stopping it leaves
// an empty WAL.

#include "spmis/store/wal_checkpointer.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <thread>

namespace spmis::store {
namespace {

namespace fs = std::filesystem;

constexpr int kCommits = 3000;             // about 12 KiB of WAL each: 36 MiB without checkpoints
constexpr std::int64_t kBound = 12 << 20;  // the WAL may not pass this with the checkpointer running

class WalCheckpointerTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() /
               ("spmis-wal-" + std::to_string(::getpid()) + "-" + new_uuid_v7().to_string());
        auto store = open_store_in_directory_for_checkpointer(dir_.string());
        ASSERT_TRUE(store.ok()) << store.status().to_string();
        store_ = std::move(*store);
    }
    void TearDown() override {
        store_.reset();
        fs::remove_all(dir_);
    }
    std::string db() const { return (dir_ / "spmis.db").string(); }
    std::int64_t wal_size() const {
        std::error_code ec;
        auto size = fs::file_size(db() + "-wal", ec);
        return ec ? 0 : static_cast<std::int64_t>(size);
    }
    // kCommits small transactions of about 8 KiB each; the WAL's largest size along the way.
    std::int64_t write_many() {
        std::string value(8 * 1024, 'x');
        std::int64_t largest = 0;
        for (int i = 0; i < kCommits; ++i) {
            value.replace(0, 8, std::to_string(10'000'000 + i));  // SQLite skips writing identical bytes
            Status s = store_->transaction(
                [&] { return store_->server_meta().set_meta("k" + std::to_string(i % 50), value); });
            EXPECT_TRUE(s.ok()) << s.to_string();
            largest = std::max(largest, wal_size());
            // A writer with pauses (as pushes have): the checkpointer's chance to restart the WAL.
            if (i % 25 == 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        return largest;
    }

    fs::path dir_;
    std::unique_ptr<Store> store_;
};

TEST_F(WalCheckpointerTest, WithoutACheckpointerTheWalGrowsPastTheBound) {
    // The control: commits of this store never checkpoint by themselves.
    EXPECT_GT(write_many(), kBound);
}

TEST_F(WalCheckpointerTest, KeepsTheWalBoundedAndTruncatesItOnStop) {
    WalCheckpointer checkpointer(db(), CheckpointPolicy{std::chrono::milliseconds(5), 256 << 10, 1 << 20});
    ASSERT_TRUE(checkpointer.start().ok());
    const std::int64_t largest = write_many();
    EXPECT_LT(largest, kBound);
    EXPECT_GT(checkpointer.checkpoints(), 0);
    ASSERT_TRUE(checkpointer.stop().ok());
    EXPECT_EQ(wal_size(), 0);
    EXPECT_TRUE(checkpointer.stop().ok());  // idempotent
    // Nothing was lost on the way.
    auto value = store_->server_meta().get_meta("k7");
    ASSERT_TRUE(value.ok());
    ASSERT_TRUE(value->has_value());
    EXPECT_EQ((*value)->size(), 8u * 1024);
}

TEST_F(WalCheckpointerTest, StartFailsClearlyForAMissingFile) {
    WalCheckpointer checkpointer((dir_ / "missing" / "spmis.db").string());
    Status s = checkpointer.start();
    EXPECT_EQ(s.code(), ErrorCode::kStorage);
    EXPECT_NE(s.message().find("checkpointer cannot open"), std::string::npos);
}

}  // namespace
}  // namespace spmis::store

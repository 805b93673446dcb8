// Backups taken while 20 writers commit: the restored database equals the snapshot the backup
// read (taken in the same read transaction), each writer's events are a gap-free prefix, and a
// damaged backup is refused by verify and restore without writing anything.

#include <sodium.h>
#include <sqlite3.h>

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <thread>

#include "spmis/backup/backup.hpp"
#include "spmis/store/store.hpp"
#include "support/temp_dir.hpp"

namespace spmis::backup {
namespace {

namespace fs = std::filesystem;
constexpr int kWriters = 20;

// actor -> (count, highest sequence number), read on db.
std::map<std::string, std::pair<std::int64_t, std::int64_t>> writer_rows(sqlite3* db) {
    std::map<std::string, std::pair<std::int64_t, std::int64_t>> rows;
    sqlite3_stmt* stmt = nullptr;
    const char* sql =
        "SELECT actor, count(*), max(CAST(reason AS INTEGER)) FROM audit_events "
        "WHERE actor LIKE 'writer-%' GROUP BY actor";
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) != SQLITE_OK) return rows;
    while (sqlite3_step(stmt) == SQLITE_ROW) {
        rows[reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0))] = {sqlite3_column_int64(stmt, 1),
                                                                             sqlite3_column_int64(stmt, 2)};
    }
    sqlite3_finalize(stmt);
    return rows;
}

std::map<std::string, std::pair<std::int64_t, std::int64_t>> writer_rows(const std::string& db_path) {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    auto rows = writer_rows(db);
    sqlite3_close_v2(db);
    return rows;
}

model::AuditEvent event(int writer, std::int64_t seq) {
    return model::AuditEvent{new_uuid_v7(),
                             "writer-" + std::to_string(writer),
                             "backup_test",
                             new_uuid_v7(),
                             "write",
                             "",
                             "",
                             std::to_string(seq),
                             UtcTime{}};
}

class BackupTest : public ::testing::Test {
protected:
    void SetUp() override {
        data_ = dir_.file("data");
        auto store = store::open_store_in_directory(data_);
        ASSERT_TRUE(store.ok()) << store.status().to_string();
        std::ofstream(data_ + "/server.key") << "key bytes";
    }

    test::TempDir dir_;
    std::string data_;
};

TEST_F(BackupTest, BackupDuringTwentyWritersRestoresTheSnapshotItRead) {
    std::atomic<bool> stop{false};
    std::array<std::atomic<std::int64_t>, kWriters> committed{};
    std::atomic<int> failures{0};
    std::vector<std::thread> writers;
    writers.reserve(kWriters);
    for (int w = 0; w < kWriters; ++w) {
        writers.emplace_back([&, w] {
            auto store = store::open_store_in_directory(data_);
            if (!store.ok()) return void(++failures);
            for (std::int64_t seq = 1; !stop; ++seq) {
                Status s = (*store)->transaction([&] { return (*store)->audit().append(event(w, seq)); });
                if (!s.ok()) return void(++failures);
                committed[static_cast<std::size_t>(w)] = seq;
            }
        });
    }
    auto all_started = [&] {
        for (const auto& c : committed)
            if (c < 5) return false;
        return true;
    };
    while (!all_started() && failures == 0) std::this_thread::sleep_for(std::chrono::milliseconds(5));

    std::array<std::int64_t, kWriters> before{};
    for (int w = 0; w < kWriters; ++w)
        before[static_cast<std::size_t>(w)] = committed[static_cast<std::size_t>(w)];
    std::map<std::string, std::pair<std::int64_t, std::int64_t>> snapshot;
    const std::string file = dir_.file("spmis.backup");
    auto made = create_backup(data_, file, [&](sqlite3* source) {
        snapshot = writer_rows(source);
        // Hold the snapshot a moment: the writers keep committing meanwhile (WAL readers do not block).
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        EXPECT_EQ(writer_rows(source), snapshot) << "the snapshot moved inside its read transaction";
    });
    std::array<std::int64_t, kWriters> after{};
    for (int w = 0; w < kWriters; ++w)
        after[static_cast<std::size_t>(w)] = committed[static_cast<std::size_t>(w)];
    stop = true;
    for (auto& t : writers) t.join();
    ASSERT_EQ(failures, 0);
    ASSERT_TRUE(made.ok()) << made.status().to_string();
    EXPECT_EQ(made->files, (std::vector<std::string>{"spmis.db", "server.key"}));

    ASSERT_TRUE(verify_backup(file).ok());
    const std::string restored = dir_.file("restored");
    auto installed = restore_backup(file, restored);
    ASSERT_TRUE(installed.ok()) << installed.status().to_string();
    const auto rows = writer_rows(restored + "/spmis.db");
    EXPECT_EQ(rows, snapshot);
    ASSERT_EQ(rows.size(), static_cast<std::size_t>(kWriters));
    std::int64_t written_during_backup = 0;
    for (int w = 0; w < kWriters; ++w) {
        const auto& [count, highest] = rows.at("writer-" + std::to_string(w));
        EXPECT_EQ(count, highest) << "writer " << w << ": a gap, so not one consistent point";
        EXPECT_GE(count, before[static_cast<std::size_t>(w)]) << "writer " << w;
        EXPECT_LE(count, after[static_cast<std::size_t>(w)]) << "writer " << w;
        written_during_backup += after[static_cast<std::size_t>(w)] - count;
    }
    EXPECT_GT(written_during_backup, 0) << "the writers committed while the backup held its snapshot";
    std::ifstream key(restored + "/server.key");
    std::string key_text;
    std::getline(key, key_text);
    EXPECT_EQ(key_text, "key bytes");
    EXPECT_EQ(fs::status(restored).permissions() & fs::perms::all, fs::perms::owner_all);
}

TEST_F(BackupTest, RestoreStartsANewEpochAndRefusesANonEmptyDirectory) {
    {
        auto store = store::open_store_in_directory(data_);
        ASSERT_TRUE(store.ok());
        ASSERT_TRUE((*store)->server_meta().set_meta("epoch", "0011223344556677").ok());
    }
    const std::string file = dir_.file("b");
    ASSERT_TRUE(create_backup(data_, file).ok());
    EXPECT_EQ(create_backup(data_, file).status().code(), ErrorCode::kAlreadyExists);
    auto refused = restore_backup(file, data_);
    EXPECT_EQ(refused.status().code(), ErrorCode::kFailedPrecondition);
    const std::string empty = dir_.file("empty");
    fs::create_directory(empty);
    ASSERT_TRUE(restore_backup(file, empty).ok());
    auto store = store::open_store_in_directory(empty);
    ASSERT_TRUE(store.ok());
    auto epoch = (*store)->server_meta().get_meta("epoch");
    ASSERT_TRUE(epoch.ok() && epoch->has_value());
    EXPECT_NE(**epoch, "0011223344556677");
    EXPECT_EQ((*epoch)->size(), 16u);
}

// Flips one byte at offset in a copy of file.
std::string damaged_copy(const std::string& file, std::uintmax_t offset, const std::string& out) {
    fs::copy_file(file, out);
    std::fstream f(out, std::ios::in | std::ios::out | std::ios::binary);
    f.seekg(static_cast<std::streamoff>(offset));
    char c = 0;
    f.get(c);
    f.seekp(static_cast<std::streamoff>(offset));
    f.put(static_cast<char>(c ^ 0x5a));
    return out;
}

TEST_F(BackupTest, DamagedOrTruncatedBackupIsRefusedAndNothingIsWritten) {
    const std::string file = dir_.file("good");
    ASSERT_TRUE(create_backup(data_, file).ok());
    const std::uintmax_t size = fs::file_size(file);
    const std::vector<std::string> bad = {damaged_copy(file, size / 2, dir_.file("flipped")),
                                          damaged_copy(file, 3, dir_.file("header")),
                                          damaged_copy(file, size - 10, dir_.file("digest"))};
    fs::copy_file(file, dir_.file("short"));
    fs::resize_file(dir_.file("short"), size - 100);
    std::vector<std::string> all = bad;
    all.push_back(dir_.file("short"));
    for (const std::string& f : all) {
        auto verified = verify_backup(f);
        EXPECT_EQ(verified.status().code(), ErrorCode::kCorrupt)
            << f << ": " << verified.status().to_string();
        const std::string target = dir_.file("target-" + fs::path(f).filename().string());
        auto restored = restore_backup(f, target);
        EXPECT_EQ(restored.status().code(), ErrorCode::kCorrupt) << f;
        EXPECT_FALSE(fs::exists(target)) << "restore wrote " << target;
    }
    // Only the backups and the data directory are left: no staging directories.
    std::size_t entries = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir_.path())) ++entries;
    EXPECT_EQ(entries, 1u + 1u + all.size());
    EXPECT_EQ(verify_backup(dir_.file("missing")).status().code(), ErrorCode::kNotFound);
}

TEST_F(BackupTest, ArchiveWithAValidChecksumButABrokenDatabaseFailsIntegrityCheck) {
    std::string page(8192, '\0');
    const std::string magic = "SQLite format 3";
    page.replace(0, magic.size() + 1, magic + '\0');
    page[16] = 0x10;  // page size 4096, two pages, the rest garbage
    page[17] = 0x00;
    for (std::size_t i = 100; i < page.size(); ++i) page[i] = static_cast<char>(i * 7);
    std::string body = "SPMIS-BACKUP 1\nFILE spmis.db " + std::to_string(page.size()) + "\n" + page + "\n";
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(body.data()), body.size());
    std::string hex;
    for (unsigned char b : digest) {
        static constexpr char kDigits[] = "0123456789abcdef";
        hex += kDigits[b >> 4];
        hex += kDigits[b & 0xf];
    }
    std::ofstream(dir_.file("forged"), std::ios::binary) << body << "END sha256=" << hex << "\n";
    auto verified = verify_backup(dir_.file("forged"));
    EXPECT_EQ(verified.status().code(), ErrorCode::kCorrupt) << verified.status().to_string();
    EXPECT_EQ(restore_backup(dir_.file("forged"), dir_.file("target")).status().code(), ErrorCode::kCorrupt);
    EXPECT_FALSE(fs::exists(dir_.file("target")));
}

}  // namespace
}  // namespace spmis::backup

// Numbered migrations: applied in order once each, a step's C++ code inside its transaction, a
// failing step leaves the file at the version before it, a file newer than the list is refused.

#include "spmis/sqlite/migrations.hpp"

#include <gtest/gtest.h>

#include "support/temp_dir.hpp"

namespace spmis::sqlite {
namespace {

std::unique_ptr<Connection> open_at(const std::string& path) {
    auto db = Connection::open(path, Options{});
    EXPECT_TRUE(db.ok()) << db.status().message();
    return std::move(*db);
}

TEST(MigrationsTest, AppliesEachStepOnceInOrderWithItsCode) {
    test::TempDir dir;
    auto db = open_at(dir.file("m.db"));
    int code_runs = 0;
    const std::vector<Migration> steps = {
        {1, "table", "CREATE TABLE t (x INTEGER)"},
        {2, "rows from code", "",
         [&](Connection& c) {
             ++code_runs;
             return run(c, "INSERT INTO t (x) VALUES (?)", 42);
         }},
    };
    ASSERT_TRUE(migrate(*db, steps, 0, "test store").ok());
    ASSERT_TRUE(migrate(*db, steps, 0, "test store").ok());
    EXPECT_EQ(code_runs, 1);
    EXPECT_EQ(*schema_version_of(*db), 2);
    EXPECT_EQ(*query_int(*db, "SELECT SUM(x) FROM t", 0), 42);
}

TEST(MigrationsTest, AFailingStepLeavesTheFileAtThePreviousVersion) {
    test::TempDir dir;
    auto db = open_at(dir.file("m.db"));
    const std::vector<Migration> steps = {
        {1, "table", "CREATE TABLE t (x INTEGER)"},
        {2, "half a step", "INSERT INTO t (x) VALUES (1)",
         [](Connection&) { return make_error(ErrorCode::kCorrupt, "cannot rebuild"); }},
    };
    Status s = migrate(*db, steps, 0, "test store");
    EXPECT_EQ(s.code(), ErrorCode::kCorrupt);
    EXPECT_NE(s.message().find("test store migration 2 (half a step) failed: cannot rebuild"),
              std::string::npos);
    EXPECT_EQ(*schema_version_of(*db), 1);
    EXPECT_EQ(*query_int(*db, "SELECT COUNT(*) FROM t", -1), 0);
}

TEST(MigrationsTest, AFileNewerThanTheBuildIsRefusedUntouched) {
    test::TempDir dir;
    auto db = open_at(dir.file("m.db"));
    ASSERT_TRUE(db->exec("PRAGMA user_version = 7").ok());
    const std::vector<Migration> steps = {{1, "table", "CREATE TABLE t (x INTEGER)"}};
    Status s = migrate(*db, steps, 0, "field store");
    EXPECT_EQ(s.code(), ErrorCode::kSchemaTooNew);
    EXPECT_NE(s.message().find("field store schema version 7"), std::string::npos);
    EXPECT_EQ(*query_int(*db, "SELECT COUNT(*) FROM sqlite_master WHERE name = 't'", -1), 0);
}

}  // namespace
}  // namespace spmis::sqlite

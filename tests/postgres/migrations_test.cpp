// Numbered migrations on PostgreSQL: applied once, in order, each in its own transaction; a database
// newer than the build is refused; several nodes starting together migrate once (advisory lock).
#include "spmis/postgres/migrations.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "scratch_database.hpp"

namespace spmis::postgres {
namespace {

using spmis::testing::ScratchDatabase;

// Not idempotent on purpose: applying a step twice fails (the table already exists).
std::vector<Migration> steps() {
    return {
        Migration{1, "households", "CREATE TABLE households (id uuid PRIMARY KEY, name text NOT NULL)"},
        Migration{2, "members",
                  "CREATE TABLE members (id uuid PRIMARY KEY, household uuid REFERENCES households(id))"},
        Migration{3, "a slow step",
                  "SELECT pg_sleep(0.3); CREATE INDEX members_household ON members(household)"},
    };
}

TEST(PostgresMigrationsTest, AppliesEachStepOnceInOrder) {
    ScratchDatabase scratch;
    auto db = scratch.connect();
    ASSERT_NE(db, nullptr);
    EXPECT_EQ(*schema_version_of(*db), 0);
    ASSERT_TRUE(migrate(*db, steps(), 2, "test store").ok());
    EXPECT_EQ(*schema_version_of(*db), 2);
    ASSERT_TRUE(migrate(*db, steps(), 0, "test store").ok());
    EXPECT_EQ(*schema_version_of(*db), 3);
    ASSERT_TRUE(migrate(*db, steps(), 0, "test store").ok()) << "nothing left to do";
    EXPECT_EQ(*query_int(*db, "SELECT count(*) FROM schema_migrations", -1), 3);
}

TEST(PostgresMigrationsTest, AFailedStepLeavesTheLastGoodVersion) {
    ScratchDatabase scratch;
    auto db = scratch.connect();
    ASSERT_NE(db, nullptr);
    std::vector<Migration> broken = steps();
    broken.push_back(Migration{4, "broken", "CREATE TABLE fine (x int); CREATE TABLE members (x int)"});
    Status s = migrate(*db, broken, 0, "test store");
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.message().find("migration 4 (broken) failed"), std::string::npos) << s.message();
    EXPECT_EQ(*schema_version_of(*db), 3);
    EXPECT_EQ(*query_int(*db, "SELECT count(*) FROM pg_tables WHERE tablename = 'fine'", -1), 0);
}

TEST(PostgresMigrationsTest, ADatabaseOfANewerSchemaIsRefusedNamingBothVersions) {
    ScratchDatabase scratch;
    auto db = scratch.connect();
    ASSERT_NE(db, nullptr);
    ASSERT_TRUE(migrate(*db, steps(), 0, "database").ok());
    std::vector<Migration> older = steps();
    older.pop_back();
    Status s = migrate(*db, older, 0, "database");
    EXPECT_EQ(s.code(), ErrorCode::kSchemaTooNew);
    EXPECT_NE(s.message().find("schema version 3"), std::string::npos) << s.message();
    EXPECT_NE(s.message().find("up to 2"), std::string::npos) << s.message();
}

TEST(PostgresMigrationsTest, NodesStartingTogetherMigrateOnce) {
    ScratchDatabase scratch;
    constexpr int kNodes = 4;
    std::vector<Status> results(kNodes);
    std::vector<std::thread> nodes;
    for (int i = 0; i < kNodes; ++i) {
        nodes.emplace_back([&, i] {
            auto db = Connection::open({scratch.url()});
            results[static_cast<std::size_t>(i)] =
                db.ok() ? migrate(**db, steps(), 0, "database") : db.status();
        });
    }
    for (auto& n : nodes) n.join();
    for (const Status& s : results) EXPECT_TRUE(s.ok()) << s.message();
    auto db = scratch.connect();
    EXPECT_EQ(*schema_version_of(*db), 3);
    EXPECT_EQ(*query_int(*db, "SELECT count(*) FROM schema_migrations", -1), 3);
}

}  // namespace
}  // namespace spmis::postgres

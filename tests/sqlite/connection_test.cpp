// The one SQLite layer: nested transactions that roll back whatever leaves their body, cached
// statements, typed rows that report corrupt values, and commits reported to a kill switch.

#include <gtest/gtest.h>

#include <stdexcept>

#include "spmis/sqlite/connection.hpp"
#include "support/temp_dir.hpp"

namespace spmis::sqlite {
namespace {

class ConnectionTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto db = Connection::open(dir_.file("t.db"), Options{});
        ASSERT_TRUE(db.ok()) << db.status().message();
        db_ = std::move(*db);
        ASSERT_TRUE(db_->exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)").ok());
    }

    std::int64_t count() { return *query_int(*db_, "SELECT COUNT(*) FROM t", -1); }
    Status insert(int id, const std::string& name) {
        return run(*db_, "INSERT INTO t (id, name) VALUES (?, ?)", id, name);
    }

    test::TempDir dir_;
    std::unique_ptr<Connection> db_;
};

TEST_F(ConnectionTest, AFailedBodyRollsBackItsWritesAndTheConnectionStaysUsable) {
    Status s = db_->transaction([&]() -> Status {
        EXPECT_TRUE(insert(1, "a").ok());
        return make_error(ErrorCode::kRefused, "no");
    });
    EXPECT_EQ(s.code(), ErrorCode::kRefused);
    EXPECT_FALSE(db_->in_transaction());
    EXPECT_EQ(count(), 0);
    ASSERT_TRUE(db_->transaction([&] { return insert(2, "b"); }).ok());
    EXPECT_EQ(count(), 1);
}

TEST_F(ConnectionTest, AnExceptionLeavingTheBodyRollsBackAndRestoresTheDepth) {
    Status s = db_->transaction([&]() -> Status {
        EXPECT_TRUE(insert(1, "a").ok());
        return db_->transaction([&]() -> Status {
            EXPECT_TRUE(insert(2, "b").ok());
            throw std::runtime_error("boom");
        });
    });
    // The inner exception became the inner error; the outer body returned it, so both roll back.
    EXPECT_EQ(s.code(), ErrorCode::kInternal);
    EXPECT_NE(s.message().find("boom"), std::string::npos);
    EXPECT_FALSE(db_->in_transaction());
    EXPECT_FALSE(db_->has_uncommitted_writes());
    EXPECT_EQ(count(), 0);
    // A second connection can write: no lock was left behind.
    auto other = Connection::open(dir_.file("t.db"), Options{.busy_timeout_ms = 100});
    ASSERT_TRUE(other.ok());
    EXPECT_TRUE(run(**other, "INSERT INTO t (id, name) VALUES (9, 'z')").ok());
}

// Regression, found by the sync transaction fault test: an exception thrown while a query inside a
// transaction stood between two rows left that statement running after the rollback, holding its
// read snapshot. Once another connection committed, every later transaction of this connection
// answered "database is locked" (a stale snapshot cannot become a write transaction).
TEST_F(ConnectionTest, AQueryLeftBetweenRowsByAnExceptionHoldsNoSnapshotAfterTheRollback) {
    for (int id = 1; id <= 3; ++id) ASSERT_TRUE(insert(id, "n").ok());
    KillSwitch faults;
    db_->watch_commits(&faults);
    Status thrown = db_->transaction([&]() -> Status {
        faults.arm_step_fault(2, StepFault::kThrow);  // before the query's second row
        return query<std::int64_t>(*db_, "SELECT id FROM t ORDER BY id", [](Row& r) { return r.i64(); })
            .status();
    });
    EXPECT_TRUE(faults.step_fault_fired());
    EXPECT_EQ(thrown.code(), ErrorCode::kInternal) << thrown.to_string();

    auto other = Connection::open(dir_.file("t.db"), Options{.busy_timeout_ms = 100});
    ASSERT_TRUE(other.ok());
    ASSERT_TRUE(run(**other, "INSERT INTO t (id, name) VALUES (4, 'other')").ok());
    Status next = db_->transaction([&] { return insert(5, "next"); });
    EXPECT_TRUE(next.ok()) << next.to_string();
    EXPECT_EQ(*query_int(**other, "SELECT COUNT(*) FROM t", -1), 5);
    db_->watch_commits(nullptr);
}

TEST_F(ConnectionTest, ANestedFailureUndoesOnlyItsOwnSavepoint) {
    ASSERT_TRUE(db_->transaction([&]() -> Status {
                       SPMIS_RETURN_IF_ERROR(insert(1, "kept"));
                       Status inner = db_->transaction([&]() -> Status {
                           SPMIS_RETURN_IF_ERROR(insert(2, "undone"));
                           return insert(1, "duplicate id");  // fails: primary key
                       });
                       EXPECT_EQ(inner.code(), ErrorCode::kAlreadyExists);
                       return Status{};
                   })
                    .ok());
    auto names = query<std::string>(*db_, "SELECT name FROM t ORDER BY id", [](Row& r) { return r.text(); });
    ASSERT_TRUE(names.ok());
    EXPECT_EQ(*names, std::vector<std::string>{"kept"});
}

TEST_F(ConnectionTest, StatementsArePreparedOnceAndRebound) {
    auto a = db_->prepare("SELECT name FROM t WHERE id = ?");
    auto b = db_->prepare("SELECT name FROM t WHERE id = ?");
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_EQ(*a, *b);
    ASSERT_TRUE(insert(1, "one").ok());
    ASSERT_TRUE(insert(2, "two").ok());
    auto read = [&](int id) {
        return query_one<std::string>(
            *db_, "SELECT name FROM t WHERE id = ?", [](Row& r) { return r.text(); }, id);
    };
    EXPECT_EQ(**read(2), "two");
    EXPECT_EQ(**read(1), "one");
    EXPECT_FALSE(read(3)->has_value());
    auto changed = run_counted(*db_, "UPDATE t SET name = 'x' WHERE id >= ?", 1);
    ASSERT_TRUE(changed.ok());
    EXPECT_EQ(*changed, 2);
}

TEST_F(ConnectionTest, AValueThatDoesNotParseIsReportedAsCorruptNotCrashed) {
    ASSERT_TRUE(insert(1, "not-a-date").ok());
    auto dates = query<Date>(*db_, "SELECT name FROM t", [](Row& r) { return r.date(); });
    EXPECT_EQ(dates.status().code(), ErrorCode::kCorrupt);
    auto ids = query<Uuid>(*db_, "SELECT name FROM t", [](Row& r) { return r.uuid(); });
    EXPECT_EQ(ids.status().code(), ErrorCode::kCorrupt);
}

TEST_F(ConnectionTest, BadSqlIsAStorageErrorNamingTheProblem) {
    auto st = db_->prepare("SELEC nothing");
    EXPECT_EQ(st.status().code(), ErrorCode::kStorage);
    EXPECT_EQ(db_->exec("CREATE TABLE t (x)").code(), ErrorCode::kStorage);
}

TEST_F(ConnectionTest, EveryCommitIsReportedToTheKillSwitchAutocommittedWritesToo) {
    KillSwitch ks;
    db_->watch_commits(&ks);
    ks.arm(2, CrashPoint::kBeforeCommit);
    ASSERT_TRUE(insert(1, "first").ok());  // commit 1: a single autocommitted write
    Status s = db_->transaction([&] { return insert(2, "second"); });  // commit 2: refused
    EXPECT_FALSE(s.ok());
    EXPECT_TRUE(ks.fired());
    EXPECT_FALSE(db_->in_transaction());
    db_->watch_commits(nullptr);
    EXPECT_EQ(count(), 1);

    KillSwitch after;
    db_->watch_commits(&after);
    after.arm(1, CrashPoint::kAfterCommit);
    // The write stands (it was committed) but the caller hears of the crash.
    EXPECT_EQ(insert(3, "third").code(), ErrorCode::kStorage);
    db_->watch_commits(nullptr);
    EXPECT_EQ(count(), 2);
    // Unwatched again: commits go through and nothing reports them.
    EXPECT_TRUE(insert(4, "unwatched").ok());
    EXPECT_EQ(count(), 3);
}

TEST(ConnectionOpenTest, AFileThatCannotBeOpenedIsAStorageError) {
    auto db = Connection::open("/nonexistent-dir/x/y.db", Options{});
    EXPECT_EQ(db.status().code(), ErrorCode::kStorage);
    EXPECT_NE(db.status().message().find("/nonexistent-dir/x/y.db"), std::string::npos);
}

}  // namespace
}  // namespace spmis::sqlite

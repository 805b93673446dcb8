// The PostgreSQL layer against a real server (the throwaway cluster): connecting and its refusals,
// every bound and read type, constraint errors, nested transactions that roll back whatever leaves
// them, and the KillSwitch's faults.
#include "spmis/postgres/connection.hpp"

#include <gtest/gtest.h>

#include "scratch_database.hpp"

namespace spmis::postgres {
namespace {

using spmis::testing::postgres_cluster;
using spmis::testing::ScratchDatabase;

TEST(PostgresConnectionTest, AnUnreachableServerIsAClearErrorNamingIt) {
    auto c = Connection::open({"postgresql://postgres@/postgres?host=/nonexistent-spmis-socket", 2});
    ASSERT_FALSE(c.ok());
    EXPECT_EQ(c.status().code(), ErrorCode::kStorage);
    EXPECT_NE(c.status().message().find("cannot connect to PostgreSQL at"), std::string::npos);
    EXPECT_NE(c.status().message().find("/nonexistent-spmis-socket"), std::string::npos)
        << c.status().message();
}

TEST(PostgresConnectionTest, AWrongPasswordIsRefusedAndNeverPrinted) {
    const std::string good = postgres_cluster("password_url");
    ASSERT_TRUE(Connection::open({good}).ok()) << "the right password connects";
    const std::size_t at = good.find('@');
    const std::size_t colon = good.rfind(':', at);
    const std::string wrong = good.substr(0, colon + 1) + "not-the-password-42" + good.substr(at);
    auto c = Connection::open({wrong});
    ASSERT_FALSE(c.ok());
    EXPECT_EQ(c.status().code(), ErrorCode::kStorage);
    EXPECT_NE(c.status().message().find("password authentication failed"), std::string::npos)
        << c.status().message();
    EXPECT_EQ(c.status().message().find("not-the-password-42"), std::string::npos) << c.status().message();
    EXPECT_NE(c.status().message().find(":***@"), std::string::npos) << c.status().message();
}

TEST(PostgresConnectionTest, RedactionHidesPasswordsInBothSpellings) {
    EXPECT_EQ(redacted("postgresql://app:s3cr:et@db.example:5432/spmis"),
              "postgresql://app:***@db.example:5432/spmis");
    EXPECT_EQ(redacted("postgresql://app@db/spmis"), "postgresql://app@db/spmis");
    EXPECT_EQ(redacted("host=db user=app password='a b' dbname=spmis"),
              "host=db user=app password=*** dbname=spmis");
}

TEST(PostgresConnectionTest, EveryTypeRoundTrips) {
    ScratchDatabase scratch;
    auto db = scratch.connect();
    ASSERT_NE(db, nullptr);
    ASSERT_TRUE(
        db->exec("CREATE TABLE t (id uuid PRIMARY KEY, n bigint, flag boolean, ratio double precision, "
                 "name text, day text, at bigint, amount bigint, currency text, maybe uuid)")
            .ok());
    const Uuid id = new_uuid_v7();
    const Date day = *parse_date("2028-02-29");
    const UtcTime at = from_unix_micros(1'830'000'000'123'456);
    const std::string name = "Amélie \"O'Hara\" ? 名前";
    ASSERT_TRUE(run(*db, "INSERT INTO t VALUES (?,?,?,?,?,?,?,?,?,?)", id, std::int64_t{-(1LL << 62)}, true,
                    0.1, name, day, at, std::int64_t{125}, std::string("XOF"), std::nullopt)
                    .ok());
    struct Read {
        Uuid id;
        std::int64_t n;
        bool flag;
        double ratio;
        std::string name;
        Date day;
        UtcTime at;
        Money amount;
        std::optional<Uuid> maybe;
    };
    auto rows = query<Read>(
        *db, "SELECT id, n, flag, ratio, name, day, at, amount, currency, maybe FROM t WHERE id = ?",
        [](Row& r) {
            return Read{r.uuid(), r.i64(),   r.boolean(),
                        r.f64(),  r.text(),  r.date(),
                        r.time(), r.money(), r.optional<Uuid>([](Row& x) { return x.uuid(); })};
        },
        id);
    ASSERT_TRUE(rows.ok()) << rows.status().message();
    ASSERT_EQ(rows->size(), 1u);
    const Read& r = rows->front();
    EXPECT_EQ(r.id, id);
    EXPECT_EQ(r.n, -(1LL << 62));
    EXPECT_TRUE(r.flag);
    EXPECT_EQ(r.ratio, 0.1);
    EXPECT_EQ(r.name, name);
    EXPECT_EQ(r.day, day);
    EXPECT_EQ(r.at, at);
    EXPECT_EQ(r.amount, (Money{125, "XOF"}));
    EXPECT_FALSE(r.maybe.has_value());
    auto count = query_int(*db, "SELECT count(*) FROM t WHERE n < ?", -1, std::int64_t{0});
    ASSERT_TRUE(count.ok());
    EXPECT_EQ(*count, 1);
    auto none = query_int(*db, "SELECT max(n) FROM t WHERE n > 0", -7);
    ASSERT_TRUE(none.ok()) << none.status().message();
    EXPECT_EQ(*none, 0) << "max over no row is NULL, read as 0";
}

TEST(PostgresConnectionTest, AnUnreadableValueIsReportedNotCrashed) {
    ScratchDatabase scratch;
    auto db = scratch.connect();
    ASSERT_NE(db, nullptr);
    auto rows = query<Uuid>(*db, "SELECT 'not-a-uuid'", [](Row& r) { return r.uuid(); });
    ASSERT_FALSE(rows.ok());
    EXPECT_EQ(rows.status().code(), ErrorCode::kCorrupt);
    auto numbers = query<std::int64_t>(*db, "SELECT '12abc'", [](Row& r) { return r.i64(); });
    EXPECT_EQ(numbers.status().code(), ErrorCode::kCorrupt);
}

TEST(PostgresConnectionTest, ConstraintsMapToTheProjectsErrors) {
    ScratchDatabase scratch;
    auto db = scratch.connect();
    ASSERT_NE(db, nullptr);
    ASSERT_TRUE(db->exec("CREATE TABLE parent (id bigint PRIMARY KEY);"
                         "CREATE TABLE child (id bigint PRIMARY KEY, parent bigint REFERENCES parent(id),"
                         " qty bigint CHECK (qty >= 0))")
                    .ok());
    ASSERT_TRUE(run(*db, "INSERT INTO parent VALUES (?)", 1).ok());
    EXPECT_EQ(run(*db, "INSERT INTO parent VALUES (?)", 1).code(), ErrorCode::kAlreadyExists);
    EXPECT_EQ(run(*db, "INSERT INTO child VALUES (?,?,?)", 1, 99, 1).code(), ErrorCode::kNotFound);
    EXPECT_EQ(run(*db, "INSERT INTO child VALUES (?,?,?)", 1, 1, -1).code(), ErrorCode::kInvalidArgument);
    // Prepared when it first runs (with the bound values' types): the error comes then.
    EXPECT_EQ(run(*db, "SELEC nonsense").code(), ErrorCode::kStorage);
    auto changed = run_counted(*db, "INSERT INTO child VALUES (?,?,?), (?,?,?)", 1, 1, 0, 2, 1, 5);
    ASSERT_TRUE(changed.ok()) << changed.status().message();
    EXPECT_EQ(*changed, 2);
    auto updated = run_counted(*db, "UPDATE child SET qty = qty + 1 WHERE parent = ?", 1);
    EXPECT_EQ(*updated, 2);
}

class PostgresTransactionTest : public ::testing::Test {
protected:
    void SetUp() override {
        db_ = scratch_.connect(&kill_switch_);
        ASSERT_NE(db_, nullptr);
        ASSERT_TRUE(db_->exec("CREATE TABLE t (id bigint PRIMARY KEY)").ok());
    }
    std::int64_t rows() { return *query_int(*db_, "SELECT count(*) FROM t", -1); }

    ScratchDatabase scratch_;
    KillSwitch kill_switch_;
    std::unique_ptr<Connection> db_;
};

TEST_F(PostgresTransactionTest, CommitsOrRollsBackAsTheBodySays) {
    ASSERT_TRUE(db_->transaction([&] { return run(*db_, "INSERT INTO t VALUES (?)", 1); }).ok());
    Status refused = db_->transaction([&]() -> Status {
        SPMIS_RETURN_IF_ERROR(run(*db_, "INSERT INTO t VALUES (?)", 2));
        return make_error(ErrorCode::kRefused, "a rule said no");
    });
    EXPECT_EQ(refused.code(), ErrorCode::kRefused);
    EXPECT_EQ(rows(), 1);
    EXPECT_TRUE(db_->reusable());
}

TEST_F(PostgresTransactionTest, AnInnerFailureUndoesOnlyTheInnerWrites) {
    Status s = db_->transaction([&]() -> Status {
        SPMIS_RETURN_IF_ERROR(run(*db_, "INSERT INTO t VALUES (?)", 1));
        // A failed statement aborts only its savepoint: the outer body goes on.
        Status inner = db_->transaction([&]() -> Status {
            SPMIS_RETURN_IF_ERROR(run(*db_, "INSERT INTO t VALUES (?)", 2));
            return run(*db_, "INSERT INTO t VALUES (?)", 1);  // duplicate
        });
        EXPECT_EQ(inner.code(), ErrorCode::kAlreadyExists);
        return run(*db_, "INSERT INTO t VALUES (?)", 3);
    });
    ASSERT_TRUE(s.ok()) << s.message();
    auto ids = query<std::int64_t>(*db_, "SELECT id FROM t ORDER BY id", [](Row& r) { return r.i64(); });
    EXPECT_EQ(*ids, (std::vector<std::int64_t>{1, 3}));
}

TEST_F(PostgresTransactionTest, AFailureTheBodyIgnoredStillRollsBack) {
    // A body that swallows a failed statement and returns ok must not commit a half transaction.
    Status s = db_->transaction([&]() -> Status {
        (void)run(*db_, "INSERT INTO t VALUES (?)", 1);
        (void)run(*db_, "INSERT INTO t VALUES (?)", 1);
        return {};
    });
    EXPECT_EQ(s.code(), ErrorCode::kStorage);
    EXPECT_EQ(rows(), 0);
    EXPECT_TRUE(db_->reusable());
}

TEST_F(PostgresTransactionTest, AnExceptionRollsBackAndLeavesTheConnectionUsable) {
    Status s = db_->transaction([&]() -> Status {
        SPMIS_RETURN_IF_ERROR(run(*db_, "INSERT INTO t VALUES (?)", 1));
        return db_->transaction([&]() -> Status { throw std::runtime_error("encoder threw"); });
    });
    EXPECT_EQ(s.code(), ErrorCode::kInternal);
    EXPECT_NE(s.message().find("encoder threw"), std::string::npos);
    EXPECT_EQ(rows(), 0);
    EXPECT_FALSE(db_->in_transaction());
    ASSERT_TRUE(db_->transaction([&] { return run(*db_, "INSERT INTO t VALUES (?)", 2); }).ok());
    EXPECT_EQ(rows(), 1);
}

TEST_F(PostgresTransactionTest, InjectedFaultsAtEveryStepLeaveNothingHalfWritten) {
    auto body = [&]() -> Status {
        for (int i = 1; i <= 4; ++i) SPMIS_RETURN_IF_ERROR(run(*db_, "INSERT INTO t VALUES (?)", i));
        return {};
    };
    for (StepFault fault : {StepFault::kError, StepFault::kThrow}) {
        for (int step = 1; step <= 4; ++step) {
            kill_switch_.arm_step_fault(step, fault);
            EXPECT_FALSE(db_->transaction(body).ok());
            EXPECT_TRUE(kill_switch_.step_fault_fired());
            EXPECT_EQ(rows(), 0) << "fault at step " << step;
        }
    }
    kill_switch_.arm_step_fault(0, StepFault::kError);
    ASSERT_TRUE(db_->transaction(body).ok());
    EXPECT_EQ(rows(), 4);
}

TEST_F(PostgresTransactionTest, ACrashBeforeCommitLeavesNothingAndAfterCommitKeepsIt) {
    kill_switch_.arm(1, CrashPoint::kBeforeCommit);
    EXPECT_EQ(db_->transaction([&] { return run(*db_, "INSERT INTO t VALUES (?)", 1); }).code(),
              ErrorCode::kStorage);
    EXPECT_EQ(rows(), 0);
    kill_switch_.arm(1, CrashPoint::kAfterCommit);
    EXPECT_EQ(db_->transaction([&] { return run(*db_, "INSERT INTO t VALUES (?)", 1); }).code(),
              ErrorCode::kStorage);
    kill_switch_.arm(0, CrashPoint::kBeforeCommit);
    EXPECT_EQ(rows(), 1) << "durable, though the caller was told it failed";
}

}  // namespace
}  // namespace spmis::postgres

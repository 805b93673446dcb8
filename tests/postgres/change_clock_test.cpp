// Pull cursors on PostgreSQL: the change clock must follow commit order, or a device that pulls
// "everything after my cursor" skips a record for ever. A sequence does not follow it (shown first).
// A single clock row, updated by a deferred trigger as each writing transaction commits, does: its
// row lock makes the next committer wait, and being the last lock taken it never deadlocks
// (docs/store.md, "The change clock on PostgreSQL"). The PostgreSQL store's migrations use this
// schema; the test proves it under concurrent commits.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <random>
#include <thread>

#include "scratch_database.hpp"

namespace spmis::postgres {
namespace {

using namespace std::chrono_literals;
using spmis::testing::ScratchDatabase;

constexpr const char* kClockSchema = R"sql(
CREATE TABLE sync_clock (id integer PRIMARY KEY CHECK (id = 1), seq bigint NOT NULL);
INSERT INTO sync_clock VALUES (1, 0);
-- The row lock taken here is held to the end of the transaction: a second writer that stamps waits
-- for the first one's COMMIT (or ROLLBACK) before it gets the next number.
CREATE FUNCTION next_server_seq() RETURNS bigint LANGUAGE sql AS
    'UPDATE sync_clock SET seq = seq + 1 WHERE id = 1 RETURNING seq';
CREATE TABLE records (id bigint PRIMARY KEY, payload bigint NOT NULL, server_seq bigint NOT NULL DEFAULT 0);
CREATE INDEX records_pull ON records(server_seq);
-- Stamped at COMMIT (a deferred trigger), not at the write: the clock is the last lock a transaction
-- takes, held only while it commits, so writers never deadlock on it (one holding the clock and
-- waiting for a record another holds, which waits for the clock) and rarely wait for it.
CREATE FUNCTION stamp_record() RETURNS trigger LANGUAGE plpgsql AS
    'BEGIN UPDATE records SET server_seq = next_server_seq() WHERE id = NEW.id; RETURN NULL; END';
CREATE CONSTRAINT TRIGGER records_stamp AFTER INSERT OR UPDATE OF payload ON records
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION stamp_record();
)sql";

struct Pulled {
    std::int64_t id;
    std::int64_t payload;
    std::int64_t seq;
};

Result<std::vector<Pulled>> pull_after(Connection& db, std::int64_t cursor, int limit) {
    return query<Pulled>(
        db, "SELECT id, payload, server_seq FROM records WHERE server_seq > ? ORDER BY server_seq LIMIT ?",
        [](Row& r) {
            return Pulled{r.i64(), r.i64(), r.i64()};
        },
        cursor, limit);
}

TEST(ChangeClockTest, ASequenceSkipsARecordThatCommitsLate) {
    ScratchDatabase scratch;
    auto first = scratch.connect();
    auto second = scratch.connect();
    auto reader = scratch.connect();
    ASSERT_TRUE(
        first
            ->exec("CREATE SEQUENCE stamps; CREATE TABLE records (id bigint PRIMARY KEY, payload bigint "
                   "NOT NULL, server_seq bigint NOT NULL DEFAULT nextval('stamps'))")
            .ok());
    ASSERT_TRUE(first->exec("BEGIN; INSERT INTO records (id, payload) VALUES (1, 1)").ok());  // takes 1
    ASSERT_TRUE(second->exec("INSERT INTO records (id, payload) VALUES (2, 2)").ok());  // takes 2, commits
    auto page = pull_after(*reader, 0, 100);
    ASSERT_EQ(page->size(), 1u);
    const std::int64_t cursor = page->back().seq;  // 2
    ASSERT_TRUE(first->exec("COMMIT").ok());
    EXPECT_TRUE(pull_after(*reader, cursor, 100)->empty()) << "record 1 (stamp 1) is behind the cursor: lost";
}

TEST(ChangeClockTest, TheClockStampsAtCommitSoALateCommitIsStillAhead) {
    ScratchDatabase scratch;
    auto first = scratch.connect();
    auto second = scratch.connect();
    auto reader = scratch.connect();
    ASSERT_TRUE(first->exec(kClockSchema).ok());
    // The same interleaving that loses a record with a sequence.
    ASSERT_TRUE(first->exec("BEGIN; INSERT INTO records (id, payload) VALUES (1, 1)").ok());
    ASSERT_TRUE(second->exec("INSERT INTO records (id, payload) VALUES (2, 2)").ok());
    auto page = pull_after(*reader, 0, 100);
    ASSERT_EQ(page->size(), 1u);
    EXPECT_EQ(page->front().id, 2);
    const std::int64_t cursor = page->back().seq;
    ASSERT_TRUE(first->exec("COMMIT").ok());
    page = pull_after(*reader, cursor, 100);
    ASSERT_EQ(page->size(), 1u) << "the late commit is stamped after the cursor";
    EXPECT_EQ(page->front().id, 1);
    EXPECT_GT(page->front().seq, cursor);
}

TEST(ChangeClockTest, AWriterCommittingWaitsForTheOneCommittingBeforeIt) {
    ScratchDatabase scratch;
    auto first = scratch.connect();
    auto second = scratch.connect();
    ASSERT_TRUE(first->exec(kClockSchema).ok());
    // The first holds the clock as if mid-commit (SET CONSTRAINTS runs its deferred stamp now).
    ASSERT_TRUE(
        first->exec("BEGIN; INSERT INTO records (id, payload) VALUES (1, 1); SET CONSTRAINTS ALL IMMEDIATE")
            .ok());
    std::atomic<bool> second_done = false;
    std::thread writer([&] {
        EXPECT_TRUE(second->exec("INSERT INTO records (id, payload) VALUES (2, 2)").ok());
        second_done = true;
    });
    std::this_thread::sleep_for(300ms);
    EXPECT_FALSE(second_done) << "the second commit waits for the first";
    ASSERT_TRUE(first->exec("COMMIT").ok());
    writer.join();
    auto page = pull_after(*first, 0, 100);
    ASSERT_EQ(page->size(), 2u);
    EXPECT_EQ((*page)[0].id, 1);
    EXPECT_EQ((*page)[1].id, 2);
}

// Writers insert and update rows in transactions of 1-5 writes (some rolled back) while readers
// pull pages after their cursor. Every reader ends with exactly the table, and never receives a
// stamp twice or out of order.
TEST(ChangeClockTest, ConcurrentCommitsNeverSkipOrRepeatARecordForAPullingDevice) {
    ScratchDatabase scratch;
    ASSERT_TRUE(scratch.connect()->exec(kClockSchema).ok());
    constexpr int kWriters = 4;
    constexpr int kTransactionsPerWriter = 120;
    constexpr int kReaders = 3;
    std::atomic<int> writers_left = kWriters;
    std::atomic<std::int64_t> next_id = 1;

    std::vector<std::thread> threads;
    for (int w = 0; w < kWriters; ++w) {
        threads.emplace_back([&, w] {
            auto db = scratch.connect();
            std::mt19937_64 random(static_cast<std::uint64_t>(w) + 1);
            for (int t = 0; t < kTransactionsPerWriter; ++t) {
                const int writes = 1 + static_cast<int>(random() % 5);
                const bool roll_back = random() % 7 == 0;
                // Updates of existing rows in ascending id order, as the store's writers lock rows:
                // two transactions updating the same rows in opposite orders would deadlock on the
                // rows themselves, whatever the clock does.
                std::vector<std::int64_t> updates;
                int inserts = 0;
                for (int i = 0; i < writes; ++i) {
                    const std::int64_t known = next_id.load();
                    if (known > 1 && random() % 2 == 0) {
                        updates.push_back(
                            static_cast<std::int64_t>(1 + random() % static_cast<std::uint64_t>(known - 1)));
                    } else {
                        ++inserts;
                    }
                }
                std::sort(updates.begin(), updates.end());
                Status s = db->transaction([&]() -> Status {
                    for (const std::int64_t id : updates)
                        SPMIS_RETURN_IF_ERROR(
                            run(*db, "UPDATE records SET payload = payload + 1 WHERE id = ?", id));
                    for (int i = 0; i < inserts; ++i)
                        SPMIS_RETURN_IF_ERROR(
                            run(*db, "INSERT INTO records (id, payload) VALUES (?, 0)", next_id++));
                    if (random() % 3 == 0)
                        std::this_thread::sleep_for(std::chrono::milliseconds(random() % 3));
                    return roll_back ? make_error(ErrorCode::kRefused, "rolled back on purpose") : Status{};
                });
                // Never a deadlock or another failure: only the rollbacks asked for.
                EXPECT_EQ(s.code(), roll_back ? ErrorCode::kRefused : ErrorCode::kOk) << s.message();
            }
            --writers_left;
        });
    }
    std::vector<std::map<std::int64_t, Pulled>> received(kReaders);
    std::vector<std::string> problems(kReaders);
    for (int r = 0; r < kReaders; ++r) {
        threads.emplace_back([&, r] {
            auto db = scratch.connect();
            std::int64_t cursor = 0;
            bool drained_after_writers = false;
            while (!drained_after_writers) {
                const bool writers_finished = writers_left.load() == 0;
                auto page = pull_after(*db, cursor, 7 + 10 * r);
                if (!page.ok()) {
                    problems[static_cast<std::size_t>(r)] = page.status().message();
                    return;
                }
                for (const Pulled& p : *page) {
                    if (p.seq <= cursor) problems[static_cast<std::size_t>(r)] += "stamp out of order; ";
                    cursor = p.seq;
                    received[static_cast<std::size_t>(r)][p.id] = p;
                }
                drained_after_writers = writers_finished && page->empty();
            }
        });
    }
    for (auto& t : threads) t.join();

    auto db = scratch.connect();
    auto table = query<Pulled>(*db, "SELECT id, payload, server_seq FROM records ORDER BY id", [](Row& r) {
        return Pulled{r.i64(), r.i64(), r.i64()};
    });
    ASSERT_TRUE(table.ok());
    ASSERT_GT(table->size(), 100u);
    for (int r = 0; r < kReaders; ++r) {
        const auto& got = received[static_cast<std::size_t>(r)];
        EXPECT_EQ(problems[static_cast<std::size_t>(r)], "") << "reader " << r;
        EXPECT_EQ(got.size(), table->size()) << "reader " << r << " missed records";
        for (const Pulled& row : *table) {
            auto it = got.find(row.id);
            ASSERT_NE(it, got.end()) << "reader " << r << " never received record " << row.id;
            EXPECT_EQ(it->second.payload, row.payload)
                << "reader " << r << " holds a stale record " << row.id;
            EXPECT_EQ(it->second.seq, row.seq);
        }
    }
}

}  // namespace
}  // namespace spmis::postgres

#include <atomic>
#include <chrono>
#include <thread>

#include "sample_records.hpp"
#include "store_fixture.hpp"

namespace spmis::store::testing {
namespace {

using model::MembershipState;
using TransactionTest = StoreTest;

TEST_P(TransactionTest, StateChangeAndItsAuditEventRollBackTogether) {
    auto p = sample_program("P");
    auto person = sample_individual("X", std::nullopt);
    ASSERT_TRUE(store_->programs().insert_program(p).ok());
    ASSERT_TRUE(store_->registry().insert_registrant(person).ok());
    model::ProgramMembership m{id(),         p.id,         person.id, MembershipState::kDraft,
                               std::nullopt, std::nullopt, {},        {}};
    ASSERT_TRUE(store_->programs().insert_membership(m).ok());

    Status s = store_->transaction([&]() -> Status {
        SPMIS_RETURN_IF_ERROR(
            store_->programs().transition_membership(m.id, MembershipState::kEnrolled, "a", ""));
        EXPECT_EQ(*store_->audit().count(), 1);  // visible inside the transaction
        return make_error(ErrorCode::kRefused, "caller changed its mind");
    });
    EXPECT_EQ(s.code(), ErrorCode::kRefused);
    EXPECT_EQ(store_->programs().get_membership(m.id)->state, MembershipState::kDraft);
    EXPECT_EQ(*store_->audit().count(), 0);

    ASSERT_TRUE(store_
                    ->transaction([&] {
                        return store_->programs().transition_membership(m.id, MembershipState::kEnrolled, "a",
                                                                        "");
                    })
                    .ok());
    EXPECT_EQ(store_->programs().get_membership(m.id)->state, MembershipState::kEnrolled);
    EXPECT_EQ(*store_->audit().count(), 1);
}

TEST_P(TransactionTest, NestedFailureUndoesOnlyTheInnerWrites) {
    Status outer = store_->transaction([&]() -> Status {
        SPMIS_RETURN_IF_ERROR(store_->registry().insert_registrant(sample_individual("A", std::nullopt)));
        Status inner = store_->transaction([&]() -> Status {
            SPMIS_RETURN_IF_ERROR(store_->registry().insert_registrant(sample_individual("B", std::nullopt)));
            return make_error(ErrorCode::kRefused, "inner");
        });
        EXPECT_EQ(inner.code(), ErrorCode::kRefused);
        return Status{};
    });
    ASSERT_TRUE(outer.ok()) << outer.to_string();
    EXPECT_TRUE(store_->registry().find_by_external_id("A")->has_value());
    EXPECT_FALSE(store_->registry().find_by_external_id("B")->has_value());
}

TEST_P(TransactionTest, ContentDigestFollowsContent) {
    auto empty = *store_->content_digest();
    ASSERT_TRUE(store_->registry().insert_registrant(sample_individual("A", std::nullopt)).ok());
    auto one = *store_->content_digest();
    EXPECT_NE(empty, one);
    EXPECT_EQ(one, *store_->content_digest());
}

// A reader connection sees what is committed; inside a write transaction it is refused once the
// transaction has written, because it could not see those writes.
TEST_P(TransactionTest, AReaderSeesCommittedDataAndIsRefusedAfterUncommittedWrites) {
    const auto committed = sample_individual("A", std::nullopt);
    ASSERT_TRUE(store_->registry().insert_registrant(committed).ok());
    auto reader = store_->open_reader();
    ASSERT_TRUE(reader.ok()) << reader.status().to_string();
    EXPECT_TRUE((*reader)->registry().get_registrant(committed.id).ok());
    const auto pending = sample_individual("B", std::nullopt);
    Status inside = store_->transaction([&]() -> Status {
        auto before_writing = store_->open_reader();
        if (GetParam() == "sqlite") {
            // Nothing written yet and nobody else can commit: the reader has the same view.
            EXPECT_TRUE(before_writing.ok()) << before_writing.status().to_string();
        } else {
            // Other nodes commit meanwhile: a second connection would not read this snapshot.
            EXPECT_EQ(before_writing.status().code(), ErrorCode::kFailedPrecondition);
        }
        SPMIS_RETURN_IF_ERROR(store_->registry().insert_registrant(pending));
        auto after_writing = store_->open_reader();
        EXPECT_EQ(after_writing.status().code(), ErrorCode::kFailedPrecondition);
        EXPECT_EQ((*reader)->registry().get_registrant(pending.id).status().code(), ErrorCode::kNotFound);
        return Status{};
    });
    ASSERT_TRUE(inside.ok()) << inside.to_string();
    EXPECT_TRUE((*reader)->registry().get_registrant(pending.id).ok());  // committed now
    // An in-memory database has nothing a second connection could share.
    auto memory = open_sqlite_store(StoreOptions{":memory:", nullptr, 0});
    ASSERT_TRUE(memory.ok()) << memory.status().to_string();
    EXPECT_EQ((*memory)->open_reader().status().code(), ErrorCode::kFailedPrecondition);
}

// Regression: an exception thrown inside a transaction (an encoder meeting invalid UTF-8) left the
// transaction open and its depth raised: every later request answered "database is locked" and the
// next "commits" were only savepoints, lost at restart.
TEST_P(TransactionTest, ExceptionInsideRollsBackAndTheNextTransactionCommits) {
    const auto first = sample_individual("THROWN", std::nullopt);
    Status thrown = store_->transaction([&]() -> Status {
        SPMIS_RETURN_IF_ERROR(store_->registry().insert_registrant(first));
        store_->transaction([]() -> Status { throw std::runtime_error("encoder failed"); }).ok();
        throw std::runtime_error("encoder failed again");
    });
    EXPECT_EQ(thrown.code(), ErrorCode::kInternal);
    EXPECT_NE(thrown.message().find("encoder failed again"), std::string::npos) << thrown.message();
    EXPECT_FALSE(store_->registry().find_by_external_id("THROWN")->has_value());

    const auto second = sample_individual("AFTER", std::nullopt);
    ASSERT_TRUE(store_->transaction([&] { return store_->registry().insert_registrant(second); }).ok());
    // Committed for real: a second connection sees it (a leaked outer transaction would hide it).
    auto reader = store_->open_reader();
    if (reader.ok()) {
        EXPECT_TRUE((*reader)->registry().get_registrant(second.id).ok());
    }
    EXPECT_TRUE(store_->registry().find_by_external_id("AFTER")->has_value());
}

TEST_P(TransactionTest, AuditEventsRoundTripInAppendOrder) {
    const Uuid record = id();
    model::AuditEvent first{id(),         "amina",  "registrant",
                            record,       "update", R"({"a":1})",
                            R"({"a":2})", "fix",    at("2026-11-01T10:00:00.5Z")};
    model::AuditEvent second{
        id(), "system", "registrant", record, "update", "", "{}", "", at("2026-11-01T09:00:00Z")};
    ASSERT_TRUE(store_->audit().append(first).ok());
    ASSERT_TRUE(store_->audit().append(second).ok());
    ASSERT_TRUE(
        store_->audit().append(model::AuditEvent{id(), "x", "cycle", id(), "create", "", "", "", {}}).ok());
    EXPECT_EQ(*store_->audit().list_for_record(record), (std::vector{first, second}));
    EXPECT_EQ(*store_->audit().count(), 3);
    EXPECT_EQ(store_->audit().append(first).code(), ErrorCode::kAlreadyExists);
}

// Two writers of one database (two server nodes, on PostgreSQL): the second to ask for a lock waits
// until the first one's transaction has committed, and then reads what it wrote.
TEST_P(TransactionTest, AnExclusiveLockWaitsForTheHoldersCommit) {
    auto other_node = store_->open_reader();  // outside a transaction: another connection
    ASSERT_TRUE(other_node.ok()) << other_node.status().to_string();
    const auto written = sample_individual("LOCKED", std::nullopt);
    std::atomic<bool> holding{false};
    std::thread first([&] {
        const Status s = store_->transaction([&]() -> Status {
            SPMIS_RETURN_IF_ERROR(store_->lock_exclusively("test.lock"));
            holding = true;
            // Long enough for the other writer to be waiting if the lock did not hold it.
            std::this_thread::sleep_for(std::chrono::milliseconds(300));
            return store_->registry().insert_registrant(written);
        });
        EXPECT_TRUE(s.ok()) << s.to_string();
    });
    while (!holding) std::this_thread::yield();
    bool seen = false;
    const Status second = (*other_node)->transaction([&]() -> Status {
        SPMIS_RETURN_IF_ERROR((*other_node)->lock_exclusively("test.lock"));
        seen = (*other_node)->registry().get_registrant(written.id).ok();
        return Status{};
    });
    first.join();
    ASSERT_TRUE(second.ok()) << second.to_string();
    EXPECT_TRUE(seen) << "the second writer went ahead while the first held the lock";
    // Outside a transaction there is nothing to hold it to.
    if (GetParam() == "postgres") {
        EXPECT_EQ(store_->lock_exclusively("test.lock").code(), ErrorCode::kFailedPrecondition);
    }
}

SPMIS_INSTANTIATE_STORE_TESTS(TransactionTest);

}  // namespace
}  // namespace spmis::store::testing

#include "spmis/sync/sync_client.hpp"

#include <gtest/gtest.h>

#include "device_fixture.hpp"
#include "fake_server.hpp"
#include "spmis/sync/hash_chain.hpp"

namespace spmis::sync::testing {
namespace {

const Uuid kEnt = test_id(10);
const Uuid kPerson = test_id(20);

class SyncClientTest : public DeviceFixture {
protected:
    void SetUp() override {
        DeviceFixture::SetUp();
        server_ = std::make_unique<FakeServer>(device_id_, keys_.public_key);
        server_->put_record("entitlement", kEnt,
                            test_entitlement(kEnt, kPerson, "José Álvarez", 100'000, 100'000));
        server_->put_record("event", test_id(500), test_event(test_id(500)));
        loopback_ = std::make_unique<LoopbackTransport>(
            [this](const std::string& e, const std::string& b) { return server_->handle(e, b); });
    }
    Result<RoundReport> round(Transport& t, SyncOptions options = {}) {
        SyncClient client(*store_, t, keys_, clock_, options);
        return client.round();
    }
    void redeem(std::int64_t milli, bool override_balance = false) {
        auto r =
            store_->redeem({kEnt, milli, "", "", "", override_balance, override_balance ? "late stock" : ""});
        ASSERT_TRUE(r.ok()) << r.status().to_string();
    }
    // The device's outbox equals the server's log, operation by operation.
    void expect_server_holds_outbox_once() {
        auto outbox = store_->outbox();
        ASSERT_TRUE(outbox.ok());
        ASSERT_EQ(server_->ops().size(), outbox->size());
        for (std::size_t i = 0; i < outbox->size(); ++i) {
            EXPECT_EQ(server_->ops()[i].hash, (*outbox)[i].op.hash);
            EXPECT_TRUE((*outbox)[i].acked);
        }
        EXPECT_EQ(server_->applied(), static_cast<int>(outbox->size()));
    }

    std::unique_ptr<FakeServer> server_;
    std::unique_ptr<LoopbackTransport> loopback_;
};

TEST_F(SyncClientTest, RoundPushesEverythingThenPullsTheScope) {
    ASSERT_TRUE(round(*loopback_).ok());  // first pull brings the entitlement
    for (int i = 0; i < 5; ++i) redeem(1'000);
    auto report = round(*loopback_, {2, 1 << 20, 1});
    ASSERT_TRUE(report.ok()) << report.status().to_string();
    EXPECT_EQ(report->pushed, 5);
    EXPECT_EQ(report->accepted, 5);
    EXPECT_TRUE(report->scope_matches);
    expect_server_holds_outbox_once();
    EXPECT_EQ(store_->state()->acked_seq, 5u);
    EXPECT_TRUE(store_->state()->last_sync.has_value());
    EXPECT_TRUE(store_->state()->anchor.has_value());
    // The pulled balance now includes this device's redemptions, counted once.
    EXPECT_EQ(store_->balance(kEnt)->pulled_remaining_milli, 95'000);
    EXPECT_EQ(store_->balance(kEnt)->estimate_milli, 95'000);
}

TEST_F(SyncClientTest, EveryOperationArrivesExactlyOnceUnderFaults) {
    ASSERT_TRUE(round(*loopback_).ok());
    for (std::uint64_t seed : {1, 2, 3}) {
        FaultInjectingTransport flaky(*loopback_, {0.15, 0.15, 0.15, 0.15, 0.15}, seed);
        int failures = 0;
        for (int step = 0; step < 30; ++step) {
            if (step % 2 == 0) redeem(100);
            if (!round(flaky, {3, 400, 1}).ok()) ++failures;
        }
        flaky.set_rates({});
        flaky.flush_delayed();
        ASSERT_TRUE(round(flaky).ok());
        auto last = round(flaky);
        ASSERT_TRUE(last.ok());
        EXPECT_TRUE(last->scope_matches);
        EXPECT_GT(flaky.faults_injected(), 0);
        EXPECT_GT(failures, 0);
        expect_server_holds_outbox_once();
    }
    std::vector<Operation> ops = server_->ops();
    EXPECT_TRUE(verify_chain(ops, Hash{}).ok());
    EXPECT_EQ(server_->remaining_milli(kEnt), 100'000 - 45 * 100);
}

TEST_F(SyncClientTest, LostPushAnswerIsRecoveredAsDuplicateKeepingTheFlag) {
    ASSERT_TRUE(round(*loopback_).ok());
    redeem(150'000, true);
    bool lose = true;
    LoopbackTransport lossy([&](const std::string& e, const std::string& b) -> Result<std::string> {
        auto r = server_->handle(e, b);
        if (e == "push" && lose) {
            lose = false;
            return make_error(ErrorCode::kNetwork, "answer lost");
        }
        return r;
    });
    EXPECT_EQ(round(lossy).status().code(), ErrorCode::kNetwork);
    EXPECT_EQ(store_->outbox_summary()->pending, 1);
    auto report = round(lossy);
    ASSERT_TRUE(report.ok());
    EXPECT_EQ(report->duplicates, 1);
    expect_server_holds_outbox_once();
    // The flag was in the first answer, which was lost; the replay still carries reason and cases.
    auto summary = store_->outbox_summary();
    ASSERT_EQ(summary->attention.size(), 1u);
    EXPECT_FALSE(summary->attention[0].cases.empty());
}

TEST_F(SyncClientTest, OverrideIsPushedAndComesBackFlagged) {
    ASSERT_TRUE(round(*loopback_).ok());
    redeem(120'000, true);
    auto report = round(*loopback_);
    ASSERT_TRUE(report.ok());
    EXPECT_EQ(report->flagged, 1);
    auto summary = store_->outbox_summary();
    ASSERT_EQ(summary->attention.size(), 1u);
    EXPECT_EQ(summary->attention[0].disposition, Disposition::kAcceptedFlagged);
    EXPECT_EQ(summary->attention[0].op.payload["override_reason"], "late stock");
}

TEST_F(SyncClientTest, PullResumesAfterAnInterruptedPage) {
    for (int i = 0; i < 20; ++i) {
        server_->put_record(
            "entitlement", test_id(100 + i),
            test_entitlement(test_id(100 + i), test_id(300 + i), "Person " + std::to_string(i), 1, 1));
    }
    int pulls = 0;
    LoopbackTransport breaks([&](const std::string& e, const std::string& b) -> Result<std::string> {
        if (e == "pull" && ++pulls == 4) return make_error(ErrorCode::kNetwork, "connection reset");
        return server_->handle(e, b);
    });
    SyncOptions small{10, 2'000, 1};
    EXPECT_EQ(round(breaks, small).status().code(), ErrorCode::kNetwork);
    std::int64_t cursor = store_->state()->pull_cursor;
    EXPECT_GT(cursor, 0);
    std::int64_t held = *store_->count_records("entitlement");
    EXPECT_GT(held, 0);
    auto resumed = round(breaks, small);
    ASSERT_TRUE(resumed.ok()) << resumed.status().to_string();
    EXPECT_TRUE(resumed->scope_matches);
    EXPECT_EQ(*store_->count_records("entitlement"), 21);
    // It continued from the stored cursor instead of starting over.
    EXPECT_EQ(resumed->pulled + held + *store_->count_records("event"), 22);
    EXPECT_EQ(resumed->repulls, 0);
}

TEST_F(SyncClientTest, ChecksumMismatchTriggersARepullThatDropsWhatTheServerNoLongerHas) {
    ASSERT_TRUE(round(*loopback_).ok());
    server_->forget_record("event", test_id(500));
    server_->put_record("entitlement", test_id(11), test_entitlement(test_id(11), test_id(21), "Eve", 1, 1));
    int before = server_->pull_calls();
    auto report = round(*loopback_);
    ASSERT_TRUE(report.ok());
    EXPECT_EQ(report->repulls, 1);
    EXPECT_TRUE(report->scope_matches);
    EXPECT_EQ(*store_->count_records("event"), 0);
    EXPECT_EQ(*store_->count_records("entitlement"), 2);
    EXPECT_EQ(server_->pull_calls() - before, 2);
}

TEST_F(SyncClientTest, TombstoneRemovesARecord) {
    ASSERT_TRUE(round(*loopback_).ok());
    server_->remove_record("event", test_id(500));
    auto report = round(*loopback_);
    ASSERT_TRUE(report.ok());
    EXPECT_EQ(report->repulls, 0);
    EXPECT_TRUE(report->scope_matches);
    EXPECT_EQ(*store_->count_records("event"), 0);
}

TEST_F(SyncClientTest, ServerRestoreMakesTheDeviceRepushAboveWhatItHolds) {
    ASSERT_TRUE(round(*loopback_).ok());
    for (int i = 0; i < 5; ++i) redeem(1'000);
    ASSERT_TRUE(round(*loopback_).ok());
    server_->restore_to(2);
    auto report = round(*loopback_);
    ASSERT_TRUE(report.ok()) << report.status().to_string();
    EXPECT_EQ(report->pushed, 3);
    EXPECT_EQ(server_->ops().size(), 5u);
    EXPECT_EQ(store_->state()->enrollment->epoch, server_->epoch);
    EXPECT_TRUE(verify_chain(server_->ops(), Hash{}).ok());
}

TEST_F(SyncClientTest, ReenrollActionStopsTheRound) {
    server_->hello_actions = {"reenroll"};
    redeem(1'000, true);
    auto r = round(*loopback_);
    EXPECT_EQ(r.status().code(), ErrorCode::kUnauthenticated);
    EXPECT_FALSE(is_retryable(r.status()));
    EXPECT_TRUE(server_->ops().empty());
    EXPECT_EQ(store_->outbox_summary()->pending, 1);
}

TEST_F(SyncClientTest, RetriesWithExponentialBackoff) {
    Backoff b{std::chrono::milliseconds(100), std::chrono::milliseconds(350), 4};
    EXPECT_EQ(backoff_delay(b, 0).count(), 100);
    EXPECT_EQ(backoff_delay(b, 1).count(), 200);
    EXPECT_EQ(backoff_delay(b, 2).count(), 350);
    int down = 2;
    LoopbackTransport flappy([&](const std::string& e, const std::string& body) -> Result<std::string> {
        if (down > 0) {
            --down;
            return make_error(ErrorCode::kNetwork, "no route");
        }
        return server_->handle(e, body);
    });
    std::vector<std::int64_t> waits;
    SyncClient client(*store_, flappy, keys_, clock_);
    auto r = client.round_with_retry(b, [&](std::chrono::milliseconds d) { waits.push_back(d.count()); });
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(waits, (std::vector<std::int64_t>{100, 200}));
}

}  // namespace
}  // namespace spmis::sync::testing

namespace spmis::sync::testing {
namespace {

TEST_F(SyncClientTest, TimeClaimCarriesTheHelloAnchorOnlyWithinTheSameBoot) {
    ASSERT_TRUE(round(*loopback_).ok());
    clock_.advance(std::chrono::minutes(5));
    auto same_boot = store_->redeem({kEnt, 1'000, "", "", "", false, ""});
    ASSERT_TRUE(same_boot.ok());
    const TimeClaim& t = same_boot->op.time_claim;
    ASSERT_TRUE(t.anchor_server_time.has_value());
    EXPECT_EQ(*t.anchor_server_time, from_unix_micros(1'800'000'000'000'000));
    EXPECT_EQ(t.monotonic_ms - *t.anchor_monotonic_ms, 5 * 60 * 1000);
    clock_.reboot("boot-2");
    clock_.set_wall(clock_.wall() + std::chrono::hours(72));  // a clock three days fast after a reboot
    auto other_boot = store_->redeem({kEnt, 1'000, "", "", "", false, ""});
    ASSERT_TRUE(other_boot.ok());
    EXPECT_FALSE(other_boot->op.time_claim.anchor_server_time.has_value());
    EXPECT_EQ(other_boot->op.time_claim.boot_id, "boot-2");
    // Order is the sequence, never the clock.
    EXPECT_EQ(other_boot->op.device_seq, same_boot->op.device_seq + 1);
}

}  // namespace
}  // namespace spmis::sync::testing

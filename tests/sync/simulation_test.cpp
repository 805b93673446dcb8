// Deterministic simulation: the real server core and several real devices (each with its own
// SQLite file) over a seeded fault-injecting transport, then the guarantees of SYNC.md checked.

#include <random>

#include "spmis/sync/device_store.hpp"
#include "spmis/sync/sync_client.hpp"
#include "spmis/sync/transport.hpp"
#include "sync_fixture.hpp"

namespace spmis::sync::testing {
namespace {

struct Field {
    KeyPair keys = generate_key_pair();
    std::unique_ptr<FakeDeviceClock> clock;
    std::unique_ptr<DeviceStore> store;
    Uuid id;
};

class SimulationTest : public SyncServerTest, public ::testing::WithParamInterface<std::uint64_t> {
protected:
    Field add_device(int n) {
        Field f;
        f.clock = std::make_unique<FakeDeviceClock>(clock_.now(), "boot-" + std::to_string(n));
        auto opened = DeviceStore::open((dir_ / ("device" + std::to_string(n) + ".db")).string(), *f.clock);
        EXPECT_TRUE(opened.ok()) << opened.status().to_string();
        f.store = std::move(*opened);
        auto code = server_->create_enrollment_code({w_.sp1}, std::chrono::hours(1), "admin");
        auto answer = server_->enroll({{"code", code->code}, {"public_key", to_hex(f.keys.public_key)}});
        EXPECT_TRUE(answer.ok()) << answer.status().to_string();
        f.id = *Uuid::parse((*answer)["device_id"].get<std::string>());
        EXPECT_TRUE(f.store
                        ->set_enrollment({f.id,
                                          "tablet",
                                          "loopback",
                                          (*answer)["server_public_key"],
                                          (*answer)["epoch"],
                                          {w_.sp1}})
                        .ok());
        EXPECT_TRUE(f.store->set_officer("officer-" + std::to_string(n)).ok());
        return f;
    }

    Result<RoundReport> round(Field& f, Transport& t) {
        SyncClient client(*f.store, t, f.keys, *f.clock, SyncOptions{2, 4096, 2});
        return client.round();
    }

    LoopbackTransport server_transport{
        [this](const std::string& e, const std::string& b) { return server_->handle(e, b); }};
};

TEST_P(SimulationTest, FaultsNeverLoseOrDoubleCountAndEveryoneConverges) {
    std::mt19937_64 rng(GetParam());
    std::vector<Field> devices;
    for (int i = 0; i < 3; ++i) devices.push_back(add_device(i));
    for (auto& d : devices) ASSERT_TRUE(round(d, server_transport).ok());

    // Offline: each device attends and redeems 10 kg of the same 25 kg entitlement; two devices
    // change the same membership concurrently; one write dies at a kill point before its commit.
    for (std::size_t i = 0; i < devices.size(); ++i) {
        auto& s = *devices[i].store;
        ASSERT_TRUE(s.record_attendance(w_.household, w_.event).ok());
        RedeemInput in{w_.entitlement, 10'000, "", "", "", false, ""};
        ASSERT_TRUE(s.redeem(in).ok());
        s.inject_failure("before_commit");
        EXPECT_FALSE(s.redeem(in).ok());  // the kill point: neither the row nor its operation exists
    }
    ASSERT_TRUE(
        devices[0].store->transition_membership(w_.membership, model::MembershipState::kPaused, "x").ok());
    ASSERT_TRUE(
        devices[1].store->transition_membership(w_.membership, model::MembershipState::kExited, "y").ok());

    // Back online through a flaky network: drops, duplicates, reordering, truncation.
    FaultInjectingTransport flaky(server_transport, {0.15, 0.15, 0.15, 0.1, 0.1}, GetParam());
    for (int k = 0; k < 40; ++k) (void)round(devices[rng() % devices.size()], flaky);
    flaky.flush_delayed();
    EXPECT_GT(flaky.faults_injected(), 0);

    // Quiescence: two clean rounds per device.
    for (int pass = 0; pass < 2; ++pass) {
        for (auto& d : devices) ASSERT_TRUE(round(d, server_transport).ok());
    }

    // No loss, no double application: every committed device operation is on the server once.
    std::int64_t device_ops = 0;
    for (auto& d : devices) {
        auto outbox = *d.store->outbox();
        device_ops += static_cast<std::int64_t>(outbox.size());
        for (const auto& e : outbox) {
            auto stored = *store_->operation_log().get_operation(d.id, e.op.device_seq);
            ASSERT_TRUE(stored.has_value()) << "lost operation " << e.op.device_seq;
            EXPECT_EQ(stored->hash_hex, to_hex(e.op.hash));
            EXPECT_TRUE(e.acked);
        }
        EXPECT_EQ(d.store->outbox_summary()->pending, 0);
    }
    EXPECT_EQ(*store_->operation_log().count_operations(), device_ops);
    EXPECT_EQ(redeemed(w_.entitlement), 30'000);
    EXPECT_EQ(*store_->service_points().count_attendance(w_.event), 1);

    // Exactly one case per conflict, whatever the replays.
    auto over =
        *server_->cases({"over_redemption", std::nullopt, std::nullopt, std::nullopt, std::nullopt, 0});
    ASSERT_EQ(over.size(), 1u);
    EXPECT_EQ(over[0].links.size(), 3u);
    EXPECT_EQ(open_cases("membership_conflict"), 1);

    // Convergence: each device holds exactly the server's view of its scope.
    auto server_view = *store_->change_feed().scope_digest({w_.sp1});
    for (auto& d : devices) {
        auto held = *d.store->scope_digest();
        EXPECT_EQ(held.count, server_view.count);
        EXPECT_EQ(held.checksum, server_view.checksum);
        auto ent = *d.store->entitlement(w_.entitlement);
        ASSERT_TRUE(ent.has_value());
        EXPECT_EQ(ent->remaining_milli, -5'000);
    }
}

INSTANTIATE_TEST_SUITE_P(Seeds, SimulationTest, ::testing::Values(1u, 2u, 3u, 4u, 5u));

}  // namespace
}  // namespace spmis::sync::testing

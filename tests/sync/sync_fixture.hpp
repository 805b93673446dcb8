#pragma once
// A real store (SQLite; PostgreSQL when SPMIS_TEST_BACKEND=postgres, see test_database.hpp) with one in-kind
// program at two service points, a SyncServer on it, and simulated devices that build signed, chained
// operations the way a field device does.

#include <gtest/gtest.h>

#include <filesystem>

#include "spmis/store/store.hpp"
#include "spmis/sync/hash_chain.hpp"
#include "spmis/sync/request_signature.hpp"
#include "spmis/sync/sync_server.hpp"
#include "support/sync_world.hpp"
#include "support/test_database.hpp"

namespace spmis::sync::testing {

using World = spmis::test::SyncWorld;

// A device as the server sees it: keys, id, chain tip.
struct SimDevice {
    KeyPair keys = generate_key_pair();
    Uuid id;
    ChainTip tip;
    std::string officer = "officer-1";

    Operation next(const std::string& type, const std::string& kind, const Uuid& record,
                   nlohmann::json payload, nlohmann::json base, const std::optional<Uuid>& sp) {
        Operation op;
        op.device_id = id;
        op.op_type = type;
        op.record_kind = kind;
        op.record_id = record;
        op.routing.service_point = sp;
        op.payload = std::move(payload);
        op.base = std::move(base);
        op.officer_id = officer;
        op.time_claim.wall = *parse_time("2026-11-21T09:00:00Z");
        op.time_claim.boot_id = "boot";
        op.time_claim.monotonic_ms = static_cast<std::int64_t>(tip.seq) * 1000;
        chain_append(tip, op);
        return op;
    }
    Operation redeem(const Uuid& entitlement, const Uuid& sp, std::int64_t milli) {
        return next("redemption.record", "redemption", new_uuid_v7(),
                    {{"entitlement_id", entitlement.to_string()}, {"quantity_milli", milli}, {"unit", "kg"}},
                    nlohmann::json::object(), sp);
    }
    Operation transition(const Uuid& membership, const std::string& expected, const std::string& to) {
        return next("membership.transition", "membership", membership,
                    {{"membership_id", membership.to_string()}, {"to", to}, {"reason", "test"}},
                    {{"expected_state", expected}}, std::nullopt);
    }
    Operation attend(const Uuid& registrant, const Uuid& event, const Uuid& sp) {
        return next("attendance.record", "attendance", new_uuid_v7(),
                    {{"registrant_id", registrant.to_string()},
                     {"event_id", event.to_string()},
                     {"service_point_id", sp.to_string()}},
                    nlohmann::json::object(), sp);
    }
    std::string push_body(const std::vector<Operation>& ops) const {
        PushRequest p{id, ops, to_hex(sign_batch(keys, ops.back()))};
        return to_json(p).dump();
    }
    std::string pull_body(std::int64_t cursor, std::int64_t budget) const {
        nlohmann::json j = to_json(PullRequest{id, cursor, budget});
        sign_request(keys, "pull", j);
        return j.dump();
    }
    std::string hello_body(const std::string& epoch, std::uint64_t acked) const {
        nlohmann::json j = to_json(HelloRequest{id, acked, epoch, 0, *parse_time("2026-11-21T09:00:00Z")});
        sign_request(keys, "hello", j);
        return j.dump();
    }
};

class SyncServerTest : public ::testing::Test {
protected:
    void SetUp() override;
    void TearDown() override;
    // Enrolls a device on these service points through the real code exchange.
    SimDevice enroll(const std::vector<Uuid>& sps);
    Result<PushResponse> push(const SimDevice& d, const std::vector<Operation>& ops);
    std::int64_t redeemed(const Uuid& entitlement);
    std::int64_t open_cases(const std::string& type);

    // Whether this run's store is on PostgreSQL (tests of SQLite's own files skip then).
    static bool on_postgres();

    std::unique_ptr<test::TestDatabase> database_;  // on PostgreSQL only
    std::filesystem::path dir_;
    FakeClock clock_{*parse_time("2026-11-21T10:00:00Z")};
    std::unique_ptr<store::Store> store_;
    std::unique_ptr<SyncServer> server_;
    World w_;
};

}  // namespace spmis::sync::testing

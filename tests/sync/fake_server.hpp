#pragma once
// A scripted stand-in for the sync server, speaking PROTOCOL.md sections 5-8 for one device: it
// verifies request signatures, hash chains and batch signatures, answers per-operation
// dispositions (replaying stored answers for duplicates), and serves pull pages with cursors, a
// byte budget and the scope digest. Tests only; the real server is spmis::sync::SyncServer.

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "spmis/sync/batch_signature.hpp"
#include "spmis/sync/messages.hpp"

namespace spmis::sync::testing {

class FakeServer {
public:
    FakeServer(Uuid device_id, PublicKey device_key) : device_id_(device_id), device_key_(device_key) {}

    // The transport handler: endpoint "hello", "push" or "pull".
    Result<std::string> handle(const std::string& endpoint, const std::string& body);

    // Adds or replaces a record in the device's scope (a new server_seq), or removes it (tombstone).
    void put_record(const std::string& kind, const Uuid& id, PulledData data);
    void remove_record(const std::string& kind, const Uuid& id);
    // Forgets a record without a tombstone: the device keeps a copy the server no longer has.
    void forget_record(const std::string& kind, const Uuid& id) { current_.erase({kind, id.to_string()}); }
    // A restore from backup: keeps operations up to `seq`, changes the epoch.
    void restore_to(std::uint64_t seq);

    const std::vector<Operation>& ops() const { return ops_; }
    const std::map<std::uint64_t, OpResult>& results() const { return results_; }
    int applied() const { return applied_; }
    int pull_calls() const { return pull_calls_; }
    // Remaining balance the server derives for an entitlement record held with quantity_milli.
    std::int64_t remaining_milli(const Uuid& entitlement_id) const;
    std::vector<std::string> hello_actions;  // answered by the next hellos
    std::string epoch = "epoch-1";

private:
    struct Version {
        std::int64_t server_seq = 0;
        std::optional<PulledData> data;  // empty: removed
    };
    Result<std::string> hello(const nlohmann::json& body);
    Result<std::string> push(const nlohmann::json& body);
    Result<std::string> pull(const nlohmann::json& body);
    OpResult apply(const Operation& op);
    void refresh_entitlement(const Uuid& id);

    Uuid device_id_;
    PublicKey device_key_;
    std::vector<Operation> ops_;
    std::map<std::uint64_t, OpResult> results_;
    std::map<std::pair<std::string, std::string>, Version> current_;
    std::map<std::string, std::int64_t> redeemed_;  // entitlement id -> accepted milli
    std::int64_t seq_ = 0;
    int applied_ = 0;
    int pull_calls_ = 0;
};

}  // namespace spmis::sync::testing

#pragma once
// The device side of a sync round (SYNC.md): hello -> push until the outbox is empty -> pull until
// has_more is false -> compare the scope digest, re-pulling from cursor 0 when it differs. Every
// step is stored before the next one, so a round interrupted anywhere resumes in the next round.

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "spmis/base/status.hpp"
#include "spmis/sync/batch_signature.hpp"
#include "spmis/sync/device_clock.hpp"
#include "spmis/sync/device_store.hpp"
#include "spmis/sync/field_tuning.hpp"
#include "spmis/sync/transport.hpp"

namespace spmis::sync {

struct SyncOptions {
    std::size_t push_batch = tuning::kFieldPushBatchOps;
    std::int64_t pull_byte_budget = tuning::kFieldPullByteBudget;
    int max_repulls = tuning::kFieldMaxRepullsPerRound;
};

// What one round did.
struct RoundReport {
    std::int64_t pushed = 0;  // operations the server answered in this round
    std::int64_t accepted = 0;
    std::int64_t duplicates = 0;
    std::int64_t flagged = 0;
    std::int64_t rejected = 0;
    std::int64_t pulled = 0;  // records received
    std::int64_t pages = 0;
    int repulls = 0;
    bool scope_matches = false;        // the device holds exactly the server's view at the last cursor
    std::vector<std::string> actions;  // from hello
};

// Progress for a terminal: phase "push" or "pull", and how far it is.
struct Progress {
    std::string phase;
    std::int64_t done = 0;
    std::int64_t total = 0;  // 0 when unknown
};
using ProgressFn = std::function<void(const Progress&)>;

// Waits between retries (tests pass one that does not sleep).
using Sleeper = std::function<void(std::chrono::milliseconds)>;

// Retry schedule: initial, doubled after each failure, capped.
struct Backoff {
    std::chrono::milliseconds initial = tuning::kFieldBackoffInitial;
    std::chrono::milliseconds max = tuning::kFieldBackoffMax;
    int attempts = tuning::kFieldRetryAttempts;
};

// The delay before retry number `attempt` (0-based).
std::chrono::milliseconds backoff_delay(const Backoff& b, int attempt);
// True for failures another attempt may cure (network, server hiccups); false for a revoked
// device, a broken local store or a bug.
bool is_retryable(const Status& s);

class SyncClient {
public:
    SyncClient(DeviceStore& store, Transport& transport, const KeyPair& keys, const DeviceClock& clock,
               SyncOptions options = {})
        : store_(store), transport_(transport), keys_(keys), clock_(clock), options_(options) {}

    // One full round. kUnauthenticated when the server wants the device re-enrolled or revoked it.
    Result<RoundReport> round(const ProgressFn& progress = {});
    // Rounds until one succeeds, waiting per `backoff` between failures that may be retried.
    Result<RoundReport> round_with_retry(const Backoff& backoff, const Sleeper& sleep,
                                         const ProgressFn& progress = {});

    // Individual steps (a round is these in order).
    Result<HelloResponse> hello(RoundReport& report);
    Status push_all(RoundReport& report, const ProgressFn& progress);
    Status pull_all(RoundReport& report, const ProgressFn& progress);

private:
    Result<nlohmann::json> call(const std::string& endpoint, const nlohmann::json& body);

    DeviceStore& store_;
    Transport& transport_;
    const KeyPair& keys_;
    const DeviceClock& clock_;
    SyncOptions options_;
};

}  // namespace spmis::sync

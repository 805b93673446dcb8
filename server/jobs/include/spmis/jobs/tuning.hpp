#pragma once
// Tunables of background jobs (enrollment batches, entitlement expiry).

#include <chrono>
#include <cstddef>
#include <cstdint>

namespace spmis::tuning {

// Enrollment jobs: writes per committed batch (other writers get the database between batches),
// and how often an unbatched enrollment operation reports progress.
inline constexpr std::size_t kJobBatchSize = 2000;
// The job worker sleeps this long after each batch so that requests waiting for the store get it.
inline constexpr std::chrono::milliseconds kJobBatchPause{2};
// A node holds the job it runs by a lease it renews after every batch: one that stops hearing from
// it (the node died) for this long is abandoned, and the next node to look fails it. Idle workers
// look that often. Longer than any single batch takes.
inline constexpr std::chrono::seconds kJobLease{120};
inline constexpr std::chrono::seconds kJobAbandonedCheck{60};
// Entitlement expiry: the server marks expired entitlements at start-up and then this often.
inline constexpr std::chrono::seconds kEntitlementExpiryInterval{60 * 60};

}  // namespace spmis::tuning

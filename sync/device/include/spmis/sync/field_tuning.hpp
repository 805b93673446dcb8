#pragma once
// Tunables of the field device: push batches, pull pages, retries, HTTP limits, its own store.

#include <chrono>
#include <cstddef>
#include <cstdint>

namespace spmis::tuning {

// Operations per push: well under the protocol's kPushMaxOperations, so one push of a slow link
// (2G at a distribution point) finishes in seconds and a retry resends little.
inline constexpr std::size_t kFieldPushBatchOps = 200;
// Bytes of records asked for per pull page: about a thousand entitlements with their households, small
// enough that an interrupted page costs little to fetch again.
inline constexpr std::int64_t kFieldPullByteBudget = 512 * 1024;
// Re-pulls from cursor 0 in one round when the scope checksum differs (then the next round retries).
inline constexpr int kFieldMaxRepullsPerRound = 1;
// Retries of a failed sync call: exponential backoff from 1 s, capped at 5 min (a server coming back
// is not hammered by every tablet at once), at most this many attempts per round.
inline constexpr std::chrono::milliseconds kFieldBackoffInitial{1'000};
inline constexpr std::chrono::milliseconds kFieldBackoffMax{5 * 60 * 1'000};
inline constexpr int kFieldRetryAttempts = 5;
// `sync --watch`: a round every minute keeps a tablet near the server's view without draining it.
inline constexpr std::chrono::seconds kFieldWatchInterval{60};
// HTTP: connecting takes seconds even on 2G; a whole call (a large pull page on a slow link) minutes.
inline constexpr long kFieldHttpConnectTimeoutS = 10;
inline constexpr long kFieldHttpTimeoutS = 120;
// The device store waits this long for its own lock (the command line and a background sync can
// open the same file at once) before it reports the store busy.
inline constexpr int kFieldSqliteBusyTimeoutMs = 10'000;
// Wrong PINs in a row before the screen refuses an officer for a while: guessing a 4-digit PIN
// then takes days, while a fumbling officer is not locked out by one slip.
inline constexpr int kFieldPinAttempts = 5;
// How long the screen refuses an officer after kFieldPinAttempts wrong PINs.
inline constexpr std::chrono::minutes kFieldPinLockout{5};
// Request bodies at least this large are sent gzip-compressed.
inline constexpr std::size_t kFieldGzipMinBytes = 1024;
// Responses larger than this are refused (a bounded client).
inline constexpr std::size_t kFieldMaxResponseBytes = 64 * 1024 * 1024;

}  // namespace spmis::tuning

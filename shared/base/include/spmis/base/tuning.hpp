#pragma once
// Every tunable of spmis in one place, as named constants. Change here, nowhere else.

#include <chrono>
#include <cstddef>
#include <cstdint>

namespace spmis::tuning {

// Store
inline constexpr int kSqliteBusyTimeoutMs = 10'000;
inline constexpr int kSqliteCacheSizeKib = 64 * 1024;
inline constexpr std::size_t kImportBatchRows = 5'000;

// Registry import progress: print every this many rows.
inline constexpr std::size_t kImportProgressEvery = 10'000;

}  // namespace spmis::tuning

namespace spmis::tuning {

// Sync: how far a device's wall clock may stray from the time its evidence implies before the
// operation is flagged (never reordered: clocks are claims).
inline constexpr std::chrono::minutes kClockSkewTolerance{15};

}  // namespace spmis::tuning

namespace spmis::tuning {

// Field device (spmis-field): push batches, pull pages, retries and HTTP limits.
inline constexpr std::size_t kFieldPushBatchOps = 200;
inline constexpr std::int64_t kFieldPullByteBudget = 512 * 1024;
// Re-pulls from cursor 0 in one round when the scope checksum differs (then the next round retries).
inline constexpr int kFieldMaxRepullsPerRound = 1;
inline constexpr std::chrono::milliseconds kFieldBackoffInitial{1'000};
inline constexpr std::chrono::milliseconds kFieldBackoffMax{5 * 60 * 1'000};
inline constexpr int kFieldRetryAttempts = 5;
inline constexpr std::chrono::seconds kFieldWatchInterval{60};
inline constexpr long kFieldHttpConnectTimeoutS = 10;
inline constexpr long kFieldHttpTimeoutS = 120;
// Request bodies at least this large are sent gzip-compressed.
inline constexpr std::size_t kFieldGzipMinBytes = 1024;
// Responses larger than this are refused (a bounded client).
inline constexpr std::size_t kFieldMaxResponseBytes = 64 * 1024 * 1024;

}  // namespace spmis::tuning

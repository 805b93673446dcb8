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

// Sync: at most this many records in one pull page (the byte budget usually cuts it first).
inline constexpr std::size_t kPullMaxRecords = 500;
// Sync: at most this many operations in one push.
inline constexpr std::size_t kPushMaxOperations = 500;

}  // namespace spmis::tuning

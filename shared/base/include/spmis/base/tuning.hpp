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

// Demo data: households written per transaction (bigger = faster, but a larger write-ahead log).
inline constexpr std::size_t kDemoBatchHouseholds = 20'000;

}  // namespace spmis::tuning

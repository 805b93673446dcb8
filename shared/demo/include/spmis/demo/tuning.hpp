#pragma once
// Tunables of the demo data generator.

#include <chrono>
#include <cstddef>
#include <cstdint>

namespace spmis::tuning {

// Demo data: households written per transaction (bigger = faster, but a larger write-ahead log).
inline constexpr std::size_t kDemoBatchHouseholds = 20'000;

}  // namespace spmis::tuning

#pragma once
// Tunables of the server side of sync.

#include <chrono>
#include <cstddef>
#include <cstdint>

namespace spmis::tuning {

// Sync: how far a device's wall clock may stray from the time its evidence implies before the
// operation is flagged (never reordered: clocks are claims).
inline constexpr std::chrono::minutes kClockSkewTolerance{15};

}  // namespace spmis::tuning

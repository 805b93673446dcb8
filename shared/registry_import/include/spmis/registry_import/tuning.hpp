#pragma once
// Tunables of the registry import.

#include <chrono>
#include <cstddef>
#include <cstdint>

namespace spmis::tuning {

// Registry import progress: print every this many rows.
inline constexpr std::size_t kImportProgressEvery = 10'000;

}  // namespace spmis::tuning

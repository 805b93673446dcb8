#pragma once
// Tunables of program operations.

#include <chrono>
#include <cstddef>
#include <cstdint>

namespace spmis::tuning {

inline constexpr std::size_t kEnrollmentProgressStep = 1000;

}  // namespace spmis::tuning

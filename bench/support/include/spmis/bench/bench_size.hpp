#pragma once
// The size knob every benchmark reads: SPMIS_BENCH_SIZE = "smoke" (tiny, for CI), "full" (the
// issue's sizes), a positive number (that size) or anything else, unset included (medium).

#include <cstddef>

namespace spmis::bench {

enum class BenchSize { kSmoke, kMedium, kFull };

// The size named by SPMIS_BENCH_SIZE now.
BenchSize bench_size();

// The value for the current size, or SPMIS_BENCH_SIZE itself when it is a positive number.
std::size_t pick(std::size_t smoke, std::size_t medium, std::size_t full);

}  // namespace spmis::bench

#include "spmis/bench/bench_size.hpp"

#include <charconv>
#include <cstdlib>
#include <string_view>

namespace spmis::bench {

BenchSize bench_size() {
    const char* size = std::getenv("SPMIS_BENCH_SIZE");
    const std::string_view name = size != nullptr ? size : "";
    if (name == "smoke") return BenchSize::kSmoke;
    if (name == "full") return BenchSize::kFull;
    return BenchSize::kMedium;
}

std::size_t pick(std::size_t smoke, std::size_t medium, std::size_t full) {
    // A number picks that many directly: handy for profiling between medium and full.
    const char* size = std::getenv("SPMIS_BENCH_SIZE");
    const std::string_view name = size != nullptr ? size : "";
    std::size_t n = 0;
    const auto [end, ec] = std::from_chars(name.data(), name.data() + name.size(), n);
    if (ec == std::errc() && end == name.data() + name.size() && n > 0) return n;
    switch (bench_size()) {
        case BenchSize::kSmoke: return smoke;
        case BenchSize::kFull: return full;
        case BenchSize::kMedium: break;
    }
    return medium;
}

}  // namespace spmis::bench

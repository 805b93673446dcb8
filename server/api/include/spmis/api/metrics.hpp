#pragma once
// Request counters and a latency histogram, rendered in the Prometheus text format.

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace spmis::api {

// Thread-safe.
class Metrics {
public:
    // Counts one answered request by method, route pattern ("unmatched" for 404s) and status.
    void observe(const std::string& method, const std::string& route, int status,
                 std::chrono::duration<double> latency);
    // The exposition text; database_file is reported by size when it exists.
    std::string render(const std::string& database_file) const;

private:
    static constexpr std::array<double, 12> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                        0.1,   0.25,   0.5,   1.0,  2.5,   10.0};
    mutable std::mutex mutex_;
    std::map<std::tuple<std::string, std::string, int>, std::uint64_t> requests_;
    std::array<std::uint64_t, kBuckets.size()> bucket_counts_{};
    std::uint64_t latency_count_ = 0;
    double latency_sum_ = 0;
};

}  // namespace spmis::api

#pragma once
// Request counters and a latency histogram, rendered in the Prometheus text format.

#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <tuple>

namespace spmis::api {

// Jobs per state name, read when metrics are rendered.
using JobCountsFn = std::function<std::map<std::string, std::int64_t>()>;

// The database's size in bytes, read when metrics are rendered (nullopt: unknown just now).
using DatabaseSizeFn = std::function<std::optional<std::int64_t>()>;
// Open grievances per category, then per figure ("open", "at_risk", "breached").
using GrievanceCountsFn = std::function<std::map<std::string, std::map<std::string, std::int64_t>>()>;

// Thread-safe.
class Metrics {
public:
    // Where the job gauges come from (every state reads 0 until set). Call before serving.
    void set_job_counts(JobCountsFn job_counts);
    // Where the database size comes from when it is not a SQLite file (PostgreSQL); call before serving.
    void set_database_size(DatabaseSizeFn database_size);
    // Where the grievance gauges come from (none rendered until set). Call before serving.
    void set_grievance_counts(GrievanceCountsFn grievance_counts);
    // Counts one answered request by method, route pattern ("unmatched" for 404s) and status.
    void observe(const std::string& method, const std::string& route, int status,
                 std::chrono::duration<double> latency);
    // The exposition text; the database size is set_database_size's when set, else database_file's
    // (with its WAL) when it exists.
    std::string render(const std::string& database_file) const;

private:
    static constexpr std::array<double, 12> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                        0.1,   0.25,   0.5,   1.0,  2.5,   10.0};
    JobCountsFn job_counts_;
    DatabaseSizeFn database_size_;
    GrievanceCountsFn grievance_counts_;
    mutable std::mutex mutex_;
    std::map<std::tuple<std::string, std::string, int>, std::uint64_t> requests_;
    std::array<std::uint64_t, kBuckets.size()> bucket_counts_{};
    std::uint64_t latency_count_ = 0;
    double latency_sum_ = 0;
};

}  // namespace spmis::api

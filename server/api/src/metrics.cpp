#include "spmis/api/metrics.hpp"

#include <filesystem>
#include <sstream>

namespace spmis::api {
namespace {

// Prometheus label values escape backslash, quote and newline.
std::string escape_label(const std::string& value) {
    std::string out;
    for (char c : value) {
        if (c == '\\' || c == '"') out += '\\';
        out += c == '\n' ? 'n' : c;
    }
    return out;
}

// Bytes of a file, 0 when it does not exist.
std::uintmax_t size_of(const std::string& file) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(file, ec);
    return ec ? 0 : size;
}

}  // namespace

void Metrics::set_job_counts(JobCountsFn job_counts) { job_counts_ = std::move(job_counts); }

void Metrics::set_database_size(DatabaseSizeFn database_size) { database_size_ = std::move(database_size); }

void Metrics::set_grievance_counts(GrievanceCountsFn grievance_counts) {
    grievance_counts_ = std::move(grievance_counts);
}

void Metrics::observe(const std::string& method, const std::string& route, int status,
                      std::chrono::duration<double> latency) {
    std::lock_guard<std::mutex> lock(mutex_);
    ++requests_[{method, route, status}];
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
        if (latency.count() <= kBuckets[i]) ++bucket_counts_[i];
    }
    ++latency_count_;
    latency_sum_ += latency.count();
}

std::string Metrics::render(const std::string& database_file) const {
    std::map<std::string, std::int64_t> jobs;
    for (const char* state : {"queued", "running", "succeeded", "failed"}) jobs[state] = 0;
    if (job_counts_) {
        for (const auto& [state, n] : job_counts_()) jobs[state] = n;
    }
    // Read before the lock: a database round trip must not hold up requests being counted.
    std::optional<std::int64_t> size;
    if (database_size_) {
        size = database_size_();
    } else {
        size = static_cast<std::int64_t>(size_of(database_file) + size_of(database_file + "-wal"));
    }
    const auto grievances = grievance_counts_ ? grievance_counts_() : decltype(grievance_counts_()){};
    std::ostringstream out;
    std::lock_guard<std::mutex> lock(mutex_);
    out << "# HELP spmis_http_requests_total HTTP requests answered, by method, route and status.\n"
        << "# TYPE spmis_http_requests_total counter\n";
    for (const auto& [key, count] : requests_) {
        const auto& [method, route, status] = key;
        out << "spmis_http_requests_total{method=\"" << escape_label(method) << "\",route=\""
            << escape_label(route) << "\",status=\"" << status << "\"} " << count << "\n";
    }
    out << "# HELP spmis_http_request_duration_seconds Time from a request's dispatch to its response.\n"
        << "# TYPE spmis_http_request_duration_seconds histogram\n";
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
        out << "spmis_http_request_duration_seconds_bucket{le=\"" << kBuckets[i] << "\"} "
            << bucket_counts_[i] << "\n";
    }
    out << "spmis_http_request_duration_seconds_bucket{le=\"+Inf\"} " << latency_count_ << "\n"
        << "spmis_http_request_duration_seconds_sum " << latency_sum_ << "\n"
        << "spmis_http_request_duration_seconds_count " << latency_count_ << "\n";
    out << "# HELP spmis_jobs Background jobs by state.\n# TYPE spmis_jobs gauge\n";
    for (const auto& [state, n] : jobs)
        out << "spmis_jobs{state=\"" << escape_label(state) << "\"} " << n << "\n";
    if (grievance_counts_) {
        out << "# HELP spmis_grievances Open grievance tickets by category: all open, and of those at risk "
               "(75% of a service level used) and breached.\n# TYPE spmis_grievances gauge\n";
        for (const auto& [category, figures] : grievances)
            for (const auto& [figure, n] : figures)
                out << "spmis_grievances{category=\"" << escape_label(category) << "\",status=\""
                    << escape_label(figure) << "\"} " << n << "\n";
    }
    out << "# HELP spmis_database_size_bytes Size of the database (the SQLite file and its write-ahead "
           "log).\n"
        << "# TYPE spmis_database_size_bytes gauge\n";
    // Unknown just now (the database did not answer): no sample, rather than a misleading 0.
    if (size) out << "spmis_database_size_bytes " << *size << "\n";
    return out.str();
}

}  // namespace spmis::api

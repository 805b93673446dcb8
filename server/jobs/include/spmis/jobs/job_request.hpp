#pragma once
// What a job is asked to do: the operation and its options, validated when the job is queued and
// read again by the worker from the stored options text.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "spmis/base/time.hpp"
#include "spmis/model/job.hpp"

namespace spmis::jobs {

// A validated job request.
struct JobRequest {
    model::JobOperation operation = model::JobOperation::kEnroll;
    std::optional<Date> reference_date;  // ages are counted at this date; today when absent
    bool recheck_enrolled = false;       // verify and enroll only
    std::vector<std::string> rules;      // deduplicate only; both rules when absent
};

// Parses {"operation": ..., "reference_date"?, "recheck_enrolled"?, "rules"?}. kInvalidArgument
// naming the field for an unknown operation, an unknown field, a wrong type or a bad value.
Result<JobRequest> parse_job_request(const nlohmann::json& body);

// The options of a request as stored with the job (everything but the operation).
nlohmann::json options_json(const JobRequest& request);

// The request of a stored job (its operation and options text).
Result<JobRequest> request_of(model::JobOperation operation, const std::string& options_text);

}  // namespace spmis::jobs

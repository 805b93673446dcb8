#pragma once
// Background jobs (enrollment operations) with their progress and outcome.

#include <cstdint>
#include <map>
#include <string>

#include "spmis/model/job.hpp"

namespace spmis::store {

// Job records. Writes are single statements (callers decide the transaction).
class JobRepository {
public:
    virtual ~JobRepository() = default;

    // Inserts a new job; kAlreadyExists when the id is taken.
    virtual Status insert_job(const model::Job& job) = 0;
    // The job with this id; kNotFound otherwise.
    virtual Result<model::Job> get_job(const Uuid& id) = 0;
    // Overwrites state, progress, result, error and times of an existing job.
    virtual Status update_job(const model::Job& job) = 0;
    // Jobs in `state`, oldest first.
    virtual Result<std::vector<model::Job>> list_jobs_in(model::JobState state) = 0;
    // Number of jobs per state name (every state present, 0 when none).
    virtual Result<std::map<std::string, std::int64_t>> count_jobs_by_state() = 0;
};

}  // namespace spmis::store

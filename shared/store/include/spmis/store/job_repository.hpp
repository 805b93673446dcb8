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

    // Several server nodes share the queue (schema 23): a node runs a job only after claiming it,
    // and holds it by a lease it renews while it works.
    // Moves a queued job to running for `runner` (a node's id for this process) with a lease until
    // `lease_until`; false when it is no longer queued (another node claimed it first). Call it
    // inside a transaction.
    virtual Result<bool> claim_job(const Uuid& id, const std::string& runner, UtcTime now,
                                   UtcTime lease_until) = 0;
    // Extends `runner`'s lease on a job; false when the job is not (or no longer) its own.
    virtual Result<bool> renew_job_lease(const Uuid& id, const std::string& runner, UtcTime lease_until) = 0;
    // Running jobs nobody holds: their lease ran out before `now` (the node stopped or died), or
    // they were started before leases existed.
    virtual Result<std::vector<model::Job>> list_abandoned_jobs(UtcTime now) = 0;
};

}  // namespace spmis::store

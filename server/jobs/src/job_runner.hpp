#pragma once
// Runs one job's operation on a store through the enrollment library and returns its result.

#include <nlohmann/json.hpp>

#include "spmis/model/job.hpp"
#include "spmis/programs/enrollment.hpp"
#include "spmis/store/store.hpp"

namespace spmis::jobs {

// How the worker runs an operation: batching, progress and the batch lock (see EnrollmentOptions).
struct RunHooks {
    std::size_t batch_size = 0;
    programs::ProgressFn progress;
    programs::BatchRunner run_batch;
    Date today{};  // the reference date when the job gives none
};

// The result object of the job: enrollment counts ({evaluated, matched, created, already_members,
// enrolled, not_eligible, errors, first_errors}) or for deduplicate {examined, flagged_pairs,
// unresolved}. The operation's error otherwise (the store is left consistent: batches are
// resumable).
Result<nlohmann::json> run_job(store::Store& store, const model::Job& job, const RunHooks& hooks);

}  // namespace spmis::jobs

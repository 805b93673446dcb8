#include "repositories/repositories.hpp"

namespace spmis::store::SPMIS_STORE_NS {
namespace {

using model::JobState;

const char* const kJobSelect =
    "SELECT id, program_id, operation, options, state, done, total, result, error, actor, created_at, "
    "started_at, finished_at FROM jobs ";

model::Job read_job(Row& r) {
    model::Job j;
    j.id = r.uuid();
    j.program_id = r.uuid();
    j.operation = enumeration<model::JobOperation>(r);
    j.options = r.text();
    j.state = enumeration<JobState>(r);
    j.done = static_cast<std::uint64_t>(r.i64());
    j.total = static_cast<std::uint64_t>(r.i64());
    j.result = r.text();
    j.error = r.text();
    j.actor = r.text();
    j.created_at = r.time();
    j.started_at = r.optional<UtcTime>([](Row& x) { return x.time(); });
    j.finished_at = r.optional<UtcTime>([](Row& x) { return x.time(); });
    return j;
}

}  // namespace

Status SqlJobs::insert_job(const model::Job& j) {
    return run(
        db_,
        "INSERT INTO jobs (id, program_id, operation, options, state, done, total, result, error, actor, "
        "created_at, started_at, finished_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        j.id, j.program_id, j.operation, j.options, j.state, static_cast<std::int64_t>(j.done),
        static_cast<std::int64_t>(j.total), j.result, j.error, j.actor, j.created_at, j.started_at,
        j.finished_at);
}

Result<model::Job> SqlJobs::get_job(const Uuid& id) {
    return get_by_id<model::Job>(db_, std::string(kJobSelect) + "WHERE id = ?", read_job, "job", id);
}

Status SqlJobs::update_job(const model::Job& j) {
    SPMIS_RETURN_IF_ERROR(get_job(j.id).status());
    return run(db_,
               "UPDATE jobs SET state = ?2, done = ?3, total = ?4, result = ?5, error = ?6, started_at = ?7, "
               "finished_at = ?8 WHERE id = ?1",
               j.id, j.state, static_cast<std::int64_t>(j.done), static_cast<std::int64_t>(j.total), j.result,
               j.error, j.started_at, j.finished_at);
}

Result<std::vector<model::Job>> SqlJobs::list_jobs_in(JobState state) {
    return query<model::Job>(db_, std::string(kJobSelect) + "WHERE state = ? ORDER BY id", read_job, state);
}

Result<std::map<std::string, std::int64_t>> SqlJobs::count_jobs_by_state() {
    using Count = std::pair<std::string, std::int64_t>;
    SPMIS_ASSIGN_OR_RETURN(auto rows,
                           query<Count>(db_, "SELECT state, count(*) FROM jobs GROUP BY state", [](Row& r) {
                               std::string state = r.text();
                               return Count{state, r.i64()};
                           }));
    std::map<std::string, std::int64_t> out;
    for (JobState s : model::all_values<JobState>()) out[std::string(model::to_string(s))] = 0;
    for (const auto& [state, n] : rows) out[state] = n;
    return out;
}

Result<bool> SqlJobs::claim_job(const Uuid& id, const std::string& runner, UtcTime now, UtcTime lease_until) {
    // The conditional UPDATE is the claim: of two nodes, the second finds the job running already.
    SPMIS_ASSIGN_OR_RETURN(const std::int64_t claimed,
                           run_counted(db_,
                                       "UPDATE jobs SET state = 'running', started_at = ?2 "
                                       "WHERE id = ?1 AND state = 'queued'",
                                       id, now));
    if (claimed == 0) return false;
    SPMIS_RETURN_IF_ERROR(run(db_,
                              "INSERT INTO job_leases (job_id, runner, expires_at) VALUES (?, ?, ?) "
                              "ON CONFLICT (job_id) DO UPDATE SET runner = excluded.runner, "
                              "expires_at = excluded.expires_at",
                              id, runner, lease_until));
    return true;
}

Result<bool> SqlJobs::renew_job_lease(const Uuid& id, const std::string& runner, UtcTime lease_until) {
    SPMIS_ASSIGN_OR_RETURN(
        const std::int64_t renewed,
        run_counted(db_, "UPDATE job_leases SET expires_at = ?3 WHERE job_id = ?1 AND runner = ?2", id,
                    runner, lease_until));
    return renewed == 1;
}

Result<std::vector<model::Job>> SqlJobs::list_abandoned_jobs(UtcTime now) {
    return query<model::Job>(db_,
                             std::string(kJobSelect) +
                                 "WHERE state = 'running' AND NOT EXISTS (SELECT 1 FROM job_leases l "
                                 "WHERE l.job_id = jobs.id AND l.expires_at >= ?) ORDER BY id",
                             read_job, now);
}

}  // namespace spmis::store::SPMIS_STORE_NS

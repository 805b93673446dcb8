#include "spmis/jobs/job_service.hpp"

#include "job_runner.hpp"
#include "spmis/base/clock.hpp"

namespace spmis::jobs {
namespace {

using model::Job;
using model::JobState;

}  // namespace

JobService::JobService(JobServiceOptions options, std::unique_ptr<store::Store> worker_store)
    : options_(std::move(options)), worker_store_(std::move(worker_store)) {}

Result<std::unique_ptr<JobService>> JobService::start(JobServiceOptions options) {
    SPMIS_ASSIGN_OR_RETURN(auto store, store::open_store_at(options.store_location, options.clock));
    std::unique_ptr<JobService> service(new JobService(std::move(options), std::move(store)));
    SPMIS_RETURN_IF_ERROR(service->recover());
    service->worker_ = std::thread([s = service.get()] { s->worker_loop(); });
    return service;
}

JobService::~JobService() { stop(); }

Status JobService::fail_abandoned() {
    return options_.shared_store([&](store::Store& s) -> Status {
        // Another node may run jobs on the same database: only those nobody holds are failed.
        SPMIS_ASSIGN_OR_RETURN(auto abandoned, s.jobs().list_abandoned_jobs(worker_store_->clock().now()));
        for (Job& job : abandoned) {
            job.state = JobState::kFailed;
            job.error = "interrupted: its server stopped while running it";
            job.finished_at = worker_store_->clock().now();
            SPMIS_RETURN_IF_ERROR(s.jobs().update_job(job));
        }
        return Status{};
    });
}

Status JobService::recover() {
    SPMIS_RETURN_IF_ERROR(fail_abandoned());
    return options_.shared_store([&](store::Store& s) -> Status {
        // Queued jobs may be claimed by another node first; claim_job lets only one run each.
        SPMIS_ASSIGN_OR_RETURN(auto queued, s.jobs().list_jobs_in(JobState::kQueued));
        for (const Job& job : queued) queue_.push_back(job.id);
        return {};
    });
}

Result<Job> JobService::submit(const Uuid& program_id, const JobRequest& request, const std::string& actor) {
    Job job;
    job.id = new_uuid_v7();
    job.program_id = program_id;
    job.operation = request.operation;
    job.options = options_json(request).dump();
    job.actor = actor;
    job.created_at = worker_store_->clock().now();
    SPMIS_RETURN_IF_ERROR(options_.shared_store([&](store::Store& s) -> Status {
        SPMIS_RETURN_IF_ERROR(s.programs().get_program(program_id).status());
        return s.jobs().insert_job(job);
    }));
    {
        std::lock_guard<std::mutex> lock(mutex_);
        queue_.push_back(job.id);
    }
    wake_.notify_one();
    return job;
}

Result<Job> JobService::get(const Uuid& id) {
    Job job;
    SPMIS_RETURN_IF_ERROR(options_.shared_store([&](store::Store& s) -> Status {
        SPMIS_ASSIGN_OR_RETURN(job, s.jobs().get_job(id));
        return {};
    }));
    std::lock_guard<std::mutex> lock(mutex_);
    if (running_ && *running_ == id && job.state == JobState::kRunning) {
        job.done = live_done_;
        job.total = live_total_;
    }
    return job;
}

Result<std::map<std::string, std::int64_t>> JobService::counts() {
    std::map<std::string, std::int64_t> out;
    SPMIS_RETURN_IF_ERROR(options_.shared_store([&](store::Store& s) -> Status {
        SPMIS_ASSIGN_OR_RETURN(out, s.jobs().count_jobs_by_state());
        return {};
    }));
    return out;
}

void JobService::stop() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (worker_.joinable()) worker_.join();
}

void JobService::worker_loop() {
    while (true) {
        Uuid id;
        {
            std::unique_lock<std::mutex> lock(mutex_);
            const bool woken = wake_.wait_for(lock, tuning::kJobAbandonedCheck,
                                              [&] { return stopping_ || !queue_.empty(); });
            if (stopping_) return;
            if (!woken) {
                lock.unlock();
                (void)fail_abandoned();  // idle: look for a job a dead node left running
                continue;
            }
            id = queue_.front();
            queue_.pop_front();
            running_ = id;
            live_done_ = 0;
            live_total_ = 0;
        }
        run_one(id);
        std::lock_guard<std::mutex> lock(mutex_);
        running_.reset();
    }
}

Status JobService::save(const Job& job) {
    return options_.shared_store([&](store::Store& s) { return s.jobs().update_job(job); });
}

void JobService::run_one(const Uuid& id) {
    const auto lease_until = [this] { return worker_store_->clock().now() + tuning::kJobLease; };
    bool claimed = false;
    const Status claim = options_.shared_store([&](store::Store& s) -> Status {
        SPMIS_ASSIGN_OR_RETURN(claimed,
                               s.jobs().claim_job(id, runner_, worker_store_->clock().now(), lease_until()));
        return Status{};
    });
    if (!claim.ok() || !claimed) return;  // another node runs it
    Result<Job> loaded = get(id);
    if (!loaded.ok()) return;
    Job job = *loaded;
    RunHooks hooks;
    hooks.batch_size = options_.batch_size;
    hooks.today = date_of(worker_store_->clock().now());
    hooks.progress = [this](std::size_t done, std::size_t total) {
        std::lock_guard<std::mutex> lock(mutex_);
        live_done_ = done;
        live_total_ = total;
    };
    hooks.run_batch = [this, &id, &lease_until](const std::function<Status()>& commit_batch) -> Status {
        if (stopping_) return make_error(ErrorCode::kFailedPrecondition, "interrupted by shutdown");
        Status committed = options_.exclusive(commit_batch);
        if (committed.ok()) {
            // Still ours: renew the lease (a node that lost it stops rather than run a job twice).
            bool held = false;
            committed = options_.shared_store([&](store::Store& s) -> Status {
                SPMIS_ASSIGN_OR_RETURN(held, s.jobs().renew_job_lease(id, runner_, lease_until()));
                return Status{};
            });
            if (committed.ok() && !held)
                committed = make_error(ErrorCode::kConflict, "the job's lease was lost to another node");
        }
        std::this_thread::sleep_for(tuning::kJobBatchPause);
        return committed;
    };
    Result<nlohmann::json> result = run_job(*worker_store_, job, hooks);
    {
        std::lock_guard<std::mutex> lock(mutex_);
        job.done = live_done_;
        job.total = live_total_;
    }
    job.state = result.ok() ? JobState::kSucceeded : JobState::kFailed;
    job.result = result.ok() ? result->dump() : "{}";
    job.error = result.ok() ? "" : result.status().to_string();
    job.finished_at = worker_store_->clock().now();
    (void)save(job);
}

}  // namespace spmis::jobs

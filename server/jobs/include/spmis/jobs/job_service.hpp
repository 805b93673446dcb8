#pragma once
// The job service: queues enrollment operations and runs them one at a time on a dedicated worker
// thread (never on the HTTP threads), with the worker's own store connection.
//
// Locking: the API keeps one store connection behind a lock. Job rows are read and written through
// it (short statements). The operation itself reads on the worker's connection without any lock
// (WAL readers never block) and commits its writes in batches while holding the API's lock, so
// requests wait at most one batch, never a whole job.

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "spmis/jobs/job_request.hpp"
#include "spmis/jobs/tuning.hpp"
#include "spmis/store/store.hpp"

namespace spmis::jobs {

// Runs body in one transaction of the API's shared store, holding its lock.
using SharedStoreFn = std::function<Status(const std::function<Status(store::Store&)>&)>;
// Runs body holding the API store's lock (body uses another connection).
using ExclusiveFn = std::function<Status(const std::function<Status()>&)>;

// Where the service finds its stores. The functions outlive the service.
struct JobServiceOptions {
    std::string store_location;  // the worker's store: a data directory or a PostgreSQL URL
    SharedStoreFn shared_store;
    ExclusiveFn exclusive;
    std::size_t batch_size = tuning::kJobBatchSize;
    Clock* clock = nullptr;  // the server's clock (the system clock when null)
};

// Thread-safe.
class JobService {
public:
    // Opens the worker's connection, marks jobs left running by a previous process failed
    // ("interrupted by restart"), queues again the jobs still queued, and starts the worker.
    static Result<std::unique_ptr<JobService>> start(JobServiceOptions options);
    ~JobService();
    JobService(const JobService&) = delete;
    JobService& operator=(const JobService&) = delete;

    // Stores a queued job for an existing program (kNotFound otherwise) and wakes the worker.
    Result<model::Job> submit(const Uuid& program_id, const JobRequest& request, const std::string& actor);
    // The job, with live progress when it is the one running; kNotFound for an unknown id.
    Result<model::Job> get(const Uuid& id);
    // Jobs per state name.
    Result<std::map<std::string, std::int64_t>> counts();
    // Stops the worker: a running job stops at its next batch and is marked failed. Idempotent.
    void stop();

private:
    JobService(JobServiceOptions options, std::unique_ptr<store::Store> worker_store);
    Status recover();
    // Fails the running jobs whose lease ran out (their node died or stopped mid-job).
    Status fail_abandoned();
    void worker_loop();
    void run_one(const Uuid& id);
    Status save(const model::Job& job);

    JobServiceOptions options_;
    std::unique_ptr<store::Store> worker_store_;
    // This process's name in job leases: several nodes share one queue, and a restarted node is a
    // new runner (its old leases run out rather than being taken over).
    std::string runner_ = new_uuid_v7().to_string();
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<Uuid> queue_;
    std::optional<Uuid> running_;
    std::uint64_t live_done_ = 0;
    std::uint64_t live_total_ = 0;
    std::atomic<bool> stopping_{false};
    std::thread worker_;
};

}  // namespace spmis::jobs

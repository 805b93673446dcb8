#pragma once
// A fixed pool of std::threads with a bounded queue: where handlers run, off the listener's threads.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace spmis::http {

// Thread-safe. Tasks must not throw (exceptions are caught and dropped as a last resort).
class WorkerPool {
public:
    WorkerPool(std::size_t threads, std::size_t max_queued);
    ~WorkerPool();
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    // Queues a task; false when the queue is full or the pool is stopping (the caller answers 503).
    bool submit(std::function<void()> task);
    // Runs the queued tasks, then joins the threads. Idempotent.
    void stop();

private:
    void run();

    std::size_t max_queued_;
    std::mutex mutex_;
    std::condition_variable cv_;
    std::deque<std::function<void()>> queue_;
    bool stopping_ = false;
    std::vector<std::thread> threads_;
};

}  // namespace spmis::http

#pragma once
// A background thread that runs a task every interval until destroyed (for hourly maintenance
// such as entitlement expiry while the server runs).

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace spmis::server {

// Runs `task` every `interval` on its own thread (first run after one interval); the destructor
// wakes and joins it, so stopping never waits for a whole interval.
class PeriodicTask {
public:
    PeriodicTask(std::chrono::milliseconds interval, std::function<void()> task)
        : interval_(interval), task_(std::move(task)), thread_([this] { loop(); }) {}
    ~PeriodicTask() {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            stop_ = true;
        }
        wake_.notify_all();
        thread_.join();
    }
    PeriodicTask(const PeriodicTask&) = delete;
    PeriodicTask& operator=(const PeriodicTask&) = delete;

private:
    void loop() {
        std::unique_lock<std::mutex> lock(mutex_);
        while (!wake_.wait_for(lock, interval_, [this] { return stop_; })) {
            lock.unlock();
            task_();
            lock.lock();
        }
    }

    std::chrono::milliseconds interval_;
    std::function<void()> task_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stop_ = false;
    std::thread thread_;  // last: starts after every other member is ready
};

}  // namespace spmis::server

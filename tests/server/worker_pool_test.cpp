#include "spmis/http/worker_pool.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <future>

namespace spmis::http {
namespace {

TEST(WorkerPoolTest, RunsEveryQueuedTaskBeforeStopReturns) {
    std::atomic<int> ran{0};
    WorkerPool pool(3, 1000);
    for (int i = 0; i < 200; ++i) ASSERT_TRUE(pool.submit([&ran] { ++ran; }));
    pool.stop();
    EXPECT_EQ(ran.load(), 200);
    EXPECT_FALSE(pool.submit([] {})) << "a stopped pool refuses work";
}

TEST(WorkerPoolTest, RefusesWhenTheQueueIsFull) {
    std::promise<void> release;
    std::shared_future<void> gate = release.get_future().share();
    std::promise<void> started;
    WorkerPool pool(1, 2);
    ASSERT_TRUE(pool.submit([gate, &started] {
        started.set_value();
        gate.wait();
    }));
    started.get_future().wait();  // the only worker is busy; the queue is empty again
    EXPECT_TRUE(pool.submit([] {}));
    EXPECT_TRUE(pool.submit([] {}));
    EXPECT_FALSE(pool.submit([] {}));
    release.set_value();
    pool.stop();
}

TEST(WorkerPoolTest, ThrowingTaskDoesNotKillItsWorker) {
    std::atomic<int> ran{0};
    WorkerPool pool(1, 10);
    ASSERT_TRUE(pool.submit([] { throw std::runtime_error("boom"); }));
    ASSERT_TRUE(pool.submit([&ran] { ++ran; }));
    pool.stop();
    EXPECT_EQ(ran.load(), 1);
}

}  // namespace
}  // namespace spmis::http

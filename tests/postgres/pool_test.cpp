// The connection pool: bounded, waits for a returned connection, and replaces one that broke.
#include "spmis/postgres/pool.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "scratch_database.hpp"

namespace spmis::postgres {
namespace {

using namespace std::chrono_literals;
using spmis::testing::ScratchDatabase;

TEST(PostgresPoolTest, NeverOpensMoreThanItsSizeAndTimesOutClearly) {
    ScratchDatabase scratch;
    Pool pool({scratch.url()}, 2, 200ms);
    auto a = pool.acquire();
    auto b = pool.acquire();
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_EQ(pool.open_connections(), 2u);
    auto c = pool.acquire();
    ASSERT_FALSE(c.ok());
    EXPECT_EQ(c.status().code(), ErrorCode::kResourceExhausted);
    EXPECT_NE(c.status().message().find("all 2 database connections"), std::string::npos);
}

TEST(PostgresPoolTest, AWaitingCallerGetsTheNextReturnedConnection) {
    ScratchDatabase scratch;
    Pool pool({scratch.url()}, 1, 5000ms);
    auto first = pool.acquire();
    ASSERT_TRUE(first.ok());
    std::optional<Pool::Lease> held(std::move(*first));
    const int pid = *query_int(**held, "SELECT pg_backend_pid()", 0);
    std::thread waiter([&] {
        auto next = pool.acquire();
        ASSERT_TRUE(next.ok()) << next.status().message();
        EXPECT_EQ(*query_int(**next, "SELECT pg_backend_pid()", 0), pid) << "the same connection, reused";
    });
    std::this_thread::sleep_for(100ms);
    held.reset();
    waiter.join();
    EXPECT_EQ(pool.open_connections(), 1u);
}

TEST(PostgresPoolTest, ABrokenConnectionIsReplaced) {
    ScratchDatabase scratch;
    Pool pool({scratch.url()}, 1, 1000ms);
    int first_pid = 0;
    {
        auto lease = pool.acquire();
        ASSERT_TRUE(lease.ok());
        first_pid = static_cast<int>(*query_int(**lease, "SELECT pg_backend_pid()", 0));
        auto admin = scratch.connect();
        ASSERT_TRUE(run(*admin, "SELECT pg_terminate_backend(CAST(? AS integer))", first_pid).ok());
        std::this_thread::sleep_for(100ms);
        EXPECT_FALSE(query_int(**lease, "SELECT 1", 0).ok()) << "the server closed it";
    }
    auto lease = pool.acquire();
    ASSERT_TRUE(lease.ok()) << lease.status().message();
    auto pid = query_int(**lease, "SELECT pg_backend_pid()", 0);
    ASSERT_TRUE(pid.ok()) << pid.status().message();
    EXPECT_NE(*pid, first_pid);
}

TEST(PostgresPoolTest, AConnectionReturnedInsideATransactionIsNotReused) {
    ScratchDatabase scratch;
    Pool pool({scratch.url()}, 1, 1000ms);
    {
        auto lease = pool.acquire();
        ASSERT_TRUE((*lease)->exec("CREATE TABLE t (x int)").ok());
        ASSERT_TRUE((*lease)->exec("BEGIN; INSERT INTO t VALUES (1)").ok());
    }  // returned with the transaction open: closed, so its write is rolled back, never committed later
    auto lease = pool.acquire();
    EXPECT_EQ(*query_int(**lease, "SELECT count(*) FROM t", -1), 0);
}

}  // namespace
}  // namespace spmis::postgres

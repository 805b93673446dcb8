#pragma once
// A fixed-size pool of PostgreSQL connections: every request and job takes one for its duration.
// Connections open lazily up to the size; one that comes back broken or inside a transaction is
// closed, and a later acquire opens a fresh one.

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <vector>

#include "spmis/postgres/connection.hpp"

namespace spmis::postgres {

class Pool {
public:
    // `size` connections at most; acquire() waits up to `wait` for one to come back.
    Pool(Options options, std::size_t size, std::chrono::milliseconds wait);
    ~Pool();
    Pool(const Pool&) = delete;
    Pool& operator=(const Pool&) = delete;

    // One connection, returned to the pool when the lease ends.
    class Lease {
    public:
        Lease(Pool* pool, std::unique_ptr<Connection> connection)
            : pool_(pool), connection_(std::move(connection)) {}
        Lease(Lease&& other) noexcept = default;
        Lease& operator=(Lease&&) = delete;
        ~Lease();
        Connection& operator*() { return *connection_; }
        Connection* operator->() { return connection_.get(); }

    private:
        Pool* pool_;
        std::unique_ptr<Connection> connection_;
    };

    // A connection: an idle one, a new one while under the size, else the first returned within
    // the wait. kResourceExhausted when none came back in time; kStorage when none can be opened.
    Result<Lease> acquire();
    // Connections open now (idle and leased).
    std::size_t open_connections() const;

private:
    void give_back(std::unique_ptr<Connection> connection);

    const Options options_;
    const std::size_t size_;
    const std::chrono::milliseconds wait_;
    mutable std::mutex mutex_;
    std::condition_variable returned_;
    std::vector<std::unique_ptr<Connection>> idle_;
    std::size_t open_ = 0;
};

}  // namespace spmis::postgres

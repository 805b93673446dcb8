#include "spmis/postgres/pool.hpp"

namespace spmis::postgres {

Pool::Pool(Options options, std::size_t size, std::chrono::milliseconds wait)
    : options_(std::move(options)), size_(size == 0 ? 1 : size), wait_(wait) {}

Pool::~Pool() = default;

Pool::Lease::~Lease() {
    if (pool_ != nullptr && connection_) pool_->give_back(std::move(connection_));
}

Result<Pool::Lease> Pool::acquire() {
    std::unique_lock lock(mutex_);
    // A timeout, not a date: waiting on the steady clock reads no calendar.
    const bool available = returned_.wait_for(lock, wait_, [&] { return !idle_.empty() || open_ < size_; });
    if (!available) {
        return make_error(ErrorCode::kResourceExhausted, "all " + std::to_string(size_) +
                                                             " database connections stayed busy for " +
                                                             std::to_string(wait_.count()) + " ms");
    }
    if (!idle_.empty()) {
        std::unique_ptr<Connection> connection = std::move(idle_.back());
        idle_.pop_back();
        return Lease(this, std::move(connection));
    }
    ++open_;
    lock.unlock();
    auto opened = Connection::open(options_);
    if (!opened.ok()) {
        lock.lock();
        --open_;
        returned_.notify_one();
        return opened.status();
    }
    return Lease(this, std::move(*opened));
}

void Pool::give_back(std::unique_ptr<Connection> connection) {
    std::lock_guard lock(mutex_);
    if (connection->reusable()) {
        idle_.push_back(std::move(connection));
    } else {
        --open_;  // closed as it goes out of scope; its place opens a fresh one on demand
    }
    returned_.notify_one();
}

std::size_t Pool::open_connections() const {
    std::lock_guard lock(mutex_);
    return open_;
}

}  // namespace spmis::postgres

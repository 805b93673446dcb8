#pragma once
// Slows down password guessing without holding a worker thread: after a number of free failures
// a key (a username, or an address) is locked out for base * 2^(extra failures), capped; while
// locked, login is refused at once (the API answers 429 with Retry-After). A key's failures are
// forgotten after a quiet window, so an office behind one address is not punished forever.

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "spmis/base/status.hpp"
#include "spmis/base/time.hpp"

namespace spmis::auth {

// Where throttles keep their counts: in this process (InMemoryFailureLedger), or in the
// deployment's database (open_store_failure_ledger) so that several server nodes count one
// username's failures together. Thread-safe.
class FailureLedger {
public:
    struct Entry {
        int failures = 0;
        UtcTime locked_until{};
        UtcTime last_failure{};
    };
    virtual ~FailureLedger() = default;
    virtual Result<std::optional<Entry>> find(const std::string& key) = 0;
    // Reads, changes and writes key's entry (a new one when it has none) as one step that no other
    // node interleaves with.
    virtual Status update(const std::string& key, const std::function<void(Entry&)>& change) = 0;
    virtual Status erase(const std::string& key) = 0;
};

// Counts of this process only, bounded: past 100,000 keys the unlocked ones are dropped (a flood
// of random names cannot exhaust memory).
class InMemoryFailureLedger final : public FailureLedger {
public:
    Result<std::optional<Entry>> find(const std::string& key) override;
    Status update(const std::string& key, const std::function<void(Entry&)>& change) override;
    Status erase(const std::string& key) override;

private:
    std::mutex mutex_;
    std::map<std::string, Entry> entries_;
};

// Thread-safe.
class LoginThrottle {
public:
    // Keys are counted in `ledger` (callers keep kinds of keys apart: "user:NAME", "addr:IP"); in a
    // ledger of its own, in this process, when `ledger` is null. The ledger must outlive the throttle.
    LoginThrottle(int free_failures, std::chrono::seconds base, std::chrono::seconds max,
                  std::chrono::seconds window, FailureLedger* ledger = nullptr);

    // How long key stays locked out (rounded up to whole seconds), or nullopt when it may try now.
    std::optional<std::chrono::seconds> locked_for(const std::string& key, UtcTime now);
    // Counts a failed attempt, locking the key when past the free failures.
    void record_failure(const std::string& key, UtcTime now);
    // Forgets the key's failures (a successful login).
    void record_success(const std::string& key);

private:
    int free_failures_;
    std::chrono::seconds base_;
    std::chrono::seconds max_;
    std::chrono::seconds window_;
    std::unique_ptr<InMemoryFailureLedger> own_;
    FailureLedger* ledger_;
};

}  // namespace spmis::auth

#pragma once
// Slows down password guessing without holding a worker thread: after a number of free failures
// a key (a username, or an address) is locked out for base * 2^(extra failures), capped; while
// locked, login is refused at once (the API answers 429 with Retry-After). A key's failures are
// forgotten after a quiet window, so an office behind one address is not punished forever.

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "spmis/base/time.hpp"

namespace spmis::auth {

// Thread-safe.
class LoginThrottle {
public:
    LoginThrottle(int free_failures, std::chrono::seconds base, std::chrono::seconds max,
                  std::chrono::seconds window);

    // How long key stays locked out (rounded up to whole seconds), or nullopt when it may try now.
    std::optional<std::chrono::seconds> locked_for(const std::string& key, UtcTime now);
    // Counts a failed attempt, locking the key when past the free failures.
    void record_failure(const std::string& key, UtcTime now);
    // Forgets the key's failures (a successful login).
    void record_success(const std::string& key);

private:
    struct Entry {
        int failures = 0;
        UtcTime locked_until{};
        UtcTime last_failure{};
    };

    int free_failures_;
    std::chrono::seconds base_;
    std::chrono::seconds max_;
    std::chrono::seconds window_;
    std::mutex mutex_;
    std::map<std::string, Entry> entries_;
};

}  // namespace spmis::auth

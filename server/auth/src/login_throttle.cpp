#include "spmis/auth/login_throttle.hpp"

#include <algorithm>

namespace spmis::auth {
namespace {

// Entries kept before unlocked ones are dropped (bounds memory under a flood of random names).
constexpr std::size_t kMaxEntries = 100'000;
constexpr int kMaxDoublings = 20;

}  // namespace

LoginThrottle::LoginThrottle(int free_failures, std::chrono::seconds base, std::chrono::seconds max,
                             std::chrono::seconds window)
    : free_failures_(free_failures), base_(base), max_(max), window_(window) {}

std::optional<std::chrono::seconds> LoginThrottle::locked_for(const std::string& key, UtcTime now) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = entries_.find(key);
    if (it == entries_.end() || it->second.locked_until <= now) return std::nullopt;
    auto left = std::chrono::ceil<std::chrono::seconds>(it->second.locked_until - now);
    return std::max(left, std::chrono::seconds(1));
}

void LoginThrottle::record_failure(const std::string& key, UtcTime now) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (entries_.size() >= kMaxEntries) {
        std::erase_if(entries_, [now](const auto& e) { return e.second.locked_until <= now; });
    }
    Entry& entry = entries_[key];
    if (entry.failures > 0 && now - entry.last_failure > window_) entry.failures = 0;
    entry.last_failure = now;
    ++entry.failures;
    if (entry.failures < free_failures_) return;
    const int doublings = std::min(entry.failures - free_failures_, kMaxDoublings);
    const auto delay = std::min<std::chrono::seconds>(base_ * (1LL << doublings), max_);
    entry.locked_until = now + delay;
}

void LoginThrottle::record_success(const std::string& key) {
    std::lock_guard<std::mutex> lock(mutex_);
    entries_.erase(key);
}

}  // namespace spmis::auth

#include "spmis/auth/login_throttle.hpp"

#include <algorithm>

namespace spmis::auth {
namespace {

// Entries kept before unlocked ones are dropped (bounds memory under a flood of random names).
constexpr std::size_t kMaxEntries = 100'000;
constexpr int kMaxDoublings = 20;

}  // namespace

Result<std::optional<FailureLedger::Entry>> InMemoryFailureLedger::find(const std::string& key) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = entries_.find(key);
    if (it == entries_.end()) return std::optional<Entry>();
    return std::optional<Entry>(it->second);
}

Status InMemoryFailureLedger::update(const std::string& key, const std::function<void(Entry&)>& change) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (entries_.size() >= kMaxEntries) {
        const UtcTime now =
            std::max_element(entries_.begin(), entries_.end(), [](const auto& a, const auto& b) {
                return a.second.last_failure < b.second.last_failure;
            })->second.last_failure;
        std::erase_if(entries_, [now](const auto& e) { return e.second.locked_until <= now; });
    }
    change(entries_[key]);
    return {};
}

Status InMemoryFailureLedger::erase(const std::string& key) {
    std::lock_guard<std::mutex> lock(mutex_);
    entries_.erase(key);
    return {};
}

LoginThrottle::LoginThrottle(int free_failures, std::chrono::seconds base, std::chrono::seconds max,
                             std::chrono::seconds window, FailureLedger* ledger)
    : free_failures_(free_failures),
      base_(base),
      max_(max),
      window_(window),
      own_(ledger == nullptr ? std::make_unique<InMemoryFailureLedger>() : nullptr),
      ledger_(ledger != nullptr ? ledger : own_.get()) {}

std::optional<std::chrono::seconds> LoginThrottle::locked_for(const std::string& key, UtcTime now) {
    // A ledger that cannot be read locks nobody out: the login itself then meets the same database.
    auto entry = ledger_->find(key);
    if (!entry.ok() || !*entry || (*entry)->locked_until <= now) return std::nullopt;
    auto left = std::chrono::ceil<std::chrono::seconds>((*entry)->locked_until - now);
    return std::max(left, std::chrono::seconds(1));
}

void LoginThrottle::record_failure(const std::string& key, UtcTime now) {
    (void)ledger_->update(key, [&](FailureLedger::Entry& entry) {
        if (entry.failures > 0 && now - entry.last_failure > window_) entry.failures = 0;
        entry.last_failure = now;
        ++entry.failures;
        if (entry.failures < free_failures_) return;
        const int doublings = std::min(entry.failures - free_failures_, kMaxDoublings);
        const auto delay = std::min<std::chrono::seconds>(base_ * (1LL << doublings), max_);
        entry.locked_until = now + delay;
    });
}

void LoginThrottle::record_success(const std::string& key) { (void)ledger_->erase(key); }

}  // namespace spmis::auth

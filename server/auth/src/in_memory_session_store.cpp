#include "spmis/auth/session_store.hpp"

namespace spmis::auth {

Status InMemorySessionStore::put(const Session& session) {
    std::lock_guard<std::mutex> lock(mutex_);
    sessions_[session.token_hash] = session;
    return {};
}

Result<std::optional<Session>> InMemorySessionStore::get(const std::string& token_hash) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = sessions_.find(token_hash);
    if (it == sessions_.end()) return std::optional<Session>();
    return std::optional<Session>(it->second);
}

Status InMemorySessionStore::revoke(const std::string& token_hash) {
    std::lock_guard<std::mutex> lock(mutex_);
    sessions_.erase(token_hash);
    return {};
}

void InMemorySessionStore::purge_expired(UtcTime now) {
    std::lock_guard<std::mutex> lock(mutex_);
    std::erase_if(sessions_, [now](const auto& entry) { return entry.second.expires_at <= now; });
}

}  // namespace spmis::auth

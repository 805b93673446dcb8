#pragma once
// Login sessions, keyed by the SHA-256 of their token (the token itself is never stored).

#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "spmis/auth/role.hpp"
#include "spmis/base/status.hpp"
#include "spmis/base/time.hpp"

namespace spmis::auth {

struct Session {
    std::string token_hash;
    std::string username;
    Role role = Role::kProgramViewer;
    UtcTime expires_at{};
};

// Implementations are thread-safe.
class SessionStore {
public:
    virtual ~SessionStore() = default;
    // Stores a session; kStorage on failure.
    virtual Status put(const Session& session) = 0;
    // The session with this token hash, or nullopt (unknown or revoked).
    virtual Result<std::optional<Session>> get(const std::string& token_hash) = 0;
    // Forgets the session; unknown hashes are not an error.
    virtual Status revoke(const std::string& token_hash) = 0;
    // Forgets sessions that expired before now.
    virtual void purge_expired(UtcTime now) = 0;
};

class InMemorySessionStore final : public SessionStore {
public:
    Status put(const Session& session) override;
    Result<std::optional<Session>> get(const std::string& token_hash) override;
    Status revoke(const std::string& token_hash) override;
    void purge_expired(UtcTime now) override;

private:
    std::mutex mutex_;
    std::map<std::string, Session> sessions_;
};

}  // namespace spmis::auth

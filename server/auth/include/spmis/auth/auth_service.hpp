#pragma once
// Login, token check and logout over an AccountStore and a SessionStore.

#include <chrono>
#include <string>
#include <string_view>

#include "spmis/auth/account_store.hpp"
#include "spmis/auth/login_throttle.hpp"
#include "spmis/auth/session_store.hpp"
#include "spmis/auth/tuning.hpp"
#include "spmis/base/clock.hpp"

namespace spmis::auth {

struct LoginResult {
    std::string token;  // given to the client once; only its digest is stored
    UtcTime expires_at{};
    Role role = Role::kProgramViewer;
};

// How long sessions last and how many failed logins are free; configurable (auth.* options).
struct AuthOptions {
    std::chrono::seconds session_lifetime = tuning::kSessionLifetime;
    int free_failures_per_user = tuning::kLoginFreeFailuresPerUser;
    int free_failures_per_address = tuning::kLoginFreeFailuresPerAddress;
    // Where failed logins are counted; this process when null. Several nodes on one database share
    // a store ledger (open_store_failure_ledger), so each username gets its free failures once.
    FailureLedger* failure_ledger = nullptr;
};

// Thread-safe; the stores and clock must outlive it.
class AuthService {
public:
    // options: the defaults are tuning.hpp's.
    AuthService(AccountStore& accounts, SessionStore& sessions, const Clock& clock,
                const AuthOptions& options = {});

    // A new session for valid credentials. kUnauthenticated for a wrong password or an unknown
    // or inactive user (same message); kResourceExhausted while the username or address is
    // locked out, with *retry_after set.
    Result<LoginResult> login(const std::string& username, std::string_view password,
                              const std::string& address, std::chrono::seconds* retry_after);
    // The live session of a bearer token; kUnauthenticated when unknown, revoked or expired.
    Result<Session> authenticate(std::string_view token);
    // Revokes the session of a token (unknown tokens are not an error).
    Status logout(std::string_view token);

    AccountStore& accounts() { return accounts_; }

private:
    AccountStore& accounts_;
    SessionStore& sessions_;
    const Clock& clock_;
    std::chrono::seconds session_lifetime_;
    LoginThrottle by_user_;
    LoginThrottle by_address_;
};

}  // namespace spmis::auth

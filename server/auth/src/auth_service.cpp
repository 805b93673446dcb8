#include "spmis/auth/auth_service.hpp"

#include "spmis/auth/secrets.hpp"
#include "spmis/auth/tuning.hpp"
#include "spmis/base/text.hpp"

namespace spmis::auth {
namespace {

// Unknown users still cost one argon2 verification, so timing does not reveal which names exist.
const std::string& dummy_hash() {
    static const std::string hash = hash_password("spmis-dummy-password-for-timing").value();
    return hash;
}

}  // namespace

AuthService::AuthService(AccountStore& accounts, SessionStore& sessions, const Clock& clock,
                         const AuthOptions& options)
    : accounts_(accounts),
      sessions_(sessions),
      clock_(clock),
      session_lifetime_(options.session_lifetime),
      by_user_(options.free_failures_per_user, tuning::kLoginLockoutBase, tuning::kLoginLockoutMax,
               tuning::kLoginFailureWindow, options.failure_ledger),
      by_address_(options.free_failures_per_address, tuning::kLoginLockoutBase, tuning::kLoginLockoutMax,
                  tuning::kLoginFailureWindow, options.failure_ledger) {}

Result<LoginResult> AuthService::login(const std::string& username, std::string_view password,
                                       const std::string& address, std::chrono::seconds* retry_after) {
    const UtcTime now = clock_.now();
    // One account per name whatever its normal form (the account store keeps NFC), and one lockout.
    const std::string user_key = "user:" + to_nfc(username);
    const std::string address_key = "addr:" + address;
    auto locked = by_user_.locked_for(user_key, now);
    if (!locked) locked = by_address_.locked_for(address_key, now);
    if (locked) {
        *retry_after = *locked;
        return make_error(ErrorCode::kResourceExhausted,
                          "too many failed logins; retry in " + std::to_string(locked->count()) + " s");
    }
    SPMIS_ASSIGN_OR_RETURN(std::optional<Account> account, accounts_.find(username));
    const bool password_ok = verify_password(account ? account->password_hash : dummy_hash(), password);
    if (!account || !account->active || !password_ok) {
        by_user_.record_failure(user_key, clock_.now());
        by_address_.record_failure(address_key, clock_.now());
        return make_error(ErrorCode::kUnauthenticated, "wrong username or password");
    }
    by_user_.record_success(user_key);
    sessions_.purge_expired(now);
    LoginResult result{new_session_token(), now + session_lifetime_, account->role};
    SPMIS_RETURN_IF_ERROR(sessions_.put(
        Session{token_digest(result.token), account->username, account->role, result.expires_at}));
    return result;
}

Result<Session> AuthService::authenticate(std::string_view token) {
    if (token.empty()) return make_error(ErrorCode::kUnauthenticated, "missing bearer token");
    SPMIS_ASSIGN_OR_RETURN(std::optional<Session> session, sessions_.get(token_digest(token)));
    if (!session) return make_error(ErrorCode::kUnauthenticated, "unknown or revoked token");
    if (session->expires_at <= clock_.now()) return make_error(ErrorCode::kUnauthenticated, "token expired");
    return *session;
}

Status AuthService::logout(std::string_view token) { return sessions_.revoke(token_digest(token)); }

}  // namespace spmis::auth

// AccountStore over shared/store's AccessRepository. An account has one role here; a user of the
// store may hold several, and the first (lowest) one is the one the API grants.

#include <mutex>
#include <utility>

#include "spmis/auth/store_account_store.hpp"
#include "spmis/base/text.hpp"
#include "spmis/base/uuid.hpp"
#include "spmis/model/enum_names.hpp"
#include "spmis/model/user.hpp"
#include "spmis/store/store.hpp"

namespace spmis::auth {
namespace {

// Both enums use the same stable names, so conversion goes through the name.
Result<model::Role> to_model_role(Role role) { return model::parse_enum<model::Role>(role_name(role)); }

Result<Account> to_account(const model::User& user) {
    if (user.roles.empty()) {
        return make_error(ErrorCode::kFailedPrecondition, "user '" + user.username + "' has no role");
    }
    const std::optional<Role> role = parse_role(model::to_string(user.roles.front()));
    if (!role) return make_error(ErrorCode::kInternal, "user '" + user.username + "' has an unknown role");
    return Account{user.username, user.password_hash, *role, user.active, user.created_at};
}

class StoreAccountStore final : public AccountStore {
public:
    explicit StoreAccountStore(std::unique_ptr<store::Store> store) : store_(std::move(store)) {}

    Result<std::optional<Account>> find(const std::string& username) override {
        std::lock_guard<std::mutex> lock(mutex_);
        // User names are kept in NFC, so "José" typed composed or decomposed is the same account.
        SPMIS_ASSIGN_OR_RETURN(std::optional<model::User> user, store_->access().find_user(to_nfc(username)));
        if (!user) return std::optional<Account>();
        SPMIS_ASSIGN_OR_RETURN(Account account, to_account(*user));
        return std::optional<Account>(std::move(account));
    }

    Status add(const Account& account) override {
        SPMIS_ASSIGN_OR_RETURN(model::Role role, to_model_role(account.role));
        const std::string username = to_nfc(account.username);
        model::User user{new_uuid_v7(),         username,       username,          {role},
                         account.password_hash, account.active, account.created_at};
        std::lock_guard<std::mutex> lock(mutex_);
        return store_->access().insert_user(user);
    }

    Result<std::vector<Account>> list() override {
        std::lock_guard<std::mutex> lock(mutex_);
        SPMIS_ASSIGN_OR_RETURN(std::vector<model::User> users, store_->access().list_users());
        std::vector<Account> accounts;
        accounts.reserve(users.size());
        for (const model::User& user : users) {
            SPMIS_ASSIGN_OR_RETURN(Account account, to_account(user));
            accounts.push_back(std::move(account));
        }
        return accounts;
    }

private:
    std::mutex mutex_;
    std::unique_ptr<store::Store> store_;
};

class StoreSessionStore final : public SessionStore {
public:
    explicit StoreSessionStore(std::unique_ptr<store::Store> store) : store_(std::move(store)) {}

    Status put(const Session& session) override {
        std::lock_guard<std::mutex> lock(mutex_);
        SPMIS_ASSIGN_OR_RETURN(std::optional<model::User> user, store_->access().find_user(session.username));
        if (!user) return make_error(ErrorCode::kNotFound, "user '" + session.username + "' not found");
        return store_->access().put_session({session.token_hash, user->id, session.expires_at});
    }

    Result<std::optional<Session>> get(const std::string& token_hash) override {
        std::lock_guard<std::mutex> lock(mutex_);
        SPMIS_ASSIGN_OR_RETURN(std::optional<store::StoredSession> stored,
                               store_->access().find_session(token_hash));
        if (!stored) return std::optional<Session>();
        SPMIS_ASSIGN_OR_RETURN(model::User user, store_->access().get_user(stored->user_id));
        if (!user.active) return std::optional<Session>();
        SPMIS_ASSIGN_OR_RETURN(Account account, to_account(user));
        return std::optional<Session>(
            Session{token_hash, account.username, account.role, stored->expires_at});
    }

    Status revoke(const std::string& token_hash) override {
        std::lock_guard<std::mutex> lock(mutex_);
        return store_->access().revoke_session(token_hash);
    }

    void purge_expired(UtcTime now) override {
        std::lock_guard<std::mutex> lock(mutex_);
        // A failed purge only delays the cleanup: expired sessions are refused on use anyway.
        (void)store_->access().purge_sessions(now);
    }

private:
    std::mutex mutex_;
    std::unique_ptr<store::Store> store_;
};

class StoreFailureLedger final : public FailureLedger {
public:
    explicit StoreFailureLedger(std::unique_ptr<store::Store> store) : store_(std::move(store)) {}

    Result<std::optional<Entry>> find(const std::string& key) override {
        std::lock_guard<std::mutex> lock(mutex_);
        SPMIS_ASSIGN_OR_RETURN(auto stored, store_->access().find_login_failures(key));
        if (!stored) return std::optional<Entry>();
        return std::optional<Entry>(
            Entry{static_cast<int>(stored->failures), stored->locked_until, stored->last_failure});
    }

    Status update(const std::string& key, const std::function<void(Entry&)>& change) override {
        std::lock_guard<std::mutex> lock(mutex_);
        return store_->transaction([&]() -> Status {
            // Two nodes counting the same key's failures at once each see the other's.
            SPMIS_RETURN_IF_ERROR(store_->lock_exclusively("login:" + key));
            SPMIS_ASSIGN_OR_RETURN(auto stored, store_->access().find_login_failures(key));
            Entry entry;
            if (stored)
                entry = {static_cast<int>(stored->failures), stored->locked_until, stored->last_failure};
            change(entry);
            return store_->access().put_login_failures(
                key, {entry.failures, entry.locked_until, entry.last_failure});
        });
    }

    Status erase(const std::string& key) override {
        std::lock_guard<std::mutex> lock(mutex_);
        return store_->access().delete_login_failures(key);
    }

private:
    std::mutex mutex_;
    std::unique_ptr<store::Store> store_;
};

}  // namespace

Result<std::unique_ptr<FailureLedger>> open_store_failure_ledger(const std::string& store_location) {
    SPMIS_ASSIGN_OR_RETURN(std::unique_ptr<store::Store> store, store::open_store_at(store_location));
    return std::unique_ptr<FailureLedger>(std::make_unique<StoreFailureLedger>(std::move(store)));
}

Result<std::unique_ptr<SessionStore>> open_store_session_store(const std::string& store_location) {
    SPMIS_ASSIGN_OR_RETURN(std::unique_ptr<store::Store> store, store::open_store_at(store_location));
    return std::unique_ptr<SessionStore>(std::make_unique<StoreSessionStore>(std::move(store)));
}

Result<std::unique_ptr<AccountStore>> open_store_account_store(const std::string& store_location) {
    SPMIS_ASSIGN_OR_RETURN(std::unique_ptr<store::Store> store, store::open_store_at(store_location));
    return std::unique_ptr<AccountStore>(std::make_unique<StoreAccountStore>(std::move(store)));
}

}  // namespace spmis::auth

#pragma once
// Staff accounts behind a small interface: in memory for tests; the server keeps them in the main
// store's users tables (store_account_store.hpp).

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "spmis/auth/role.hpp"
#include "spmis/base/status.hpp"
#include "spmis/base/time.hpp"

namespace spmis::auth {

struct Account {
    std::string username;  // stored verbatim, any characters
    std::string password_hash;
    Role role = Role::kProgramViewer;
    bool active = true;
    UtcTime created_at{};
};

// Implementations are thread-safe.
class AccountStore {
public:
    virtual ~AccountStore() = default;
    // The account, nullopt when unknown; kStorage on failure.
    virtual Result<std::optional<Account>> find(const std::string& username) = 0;
    // Adds an account; kAlreadyExists when the username is taken, kStorage on failure.
    virtual Status add(const Account& account) = 0;
    // Every account ordered by username.
    virtual Result<std::vector<Account>> list() = 0;
};

class InMemoryAccountStore final : public AccountStore {
public:
    Result<std::optional<Account>> find(const std::string& username) override;
    Status add(const Account& account) override;
    Result<std::vector<Account>> list() override;

private:
    std::mutex mutex_;
    std::map<std::string, Account> accounts_;
};

}  // namespace spmis::auth

#include "spmis/auth/account_store.hpp"

namespace spmis::auth {

Result<std::optional<Account>> InMemoryAccountStore::find(const std::string& username) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = accounts_.find(username);
    if (it == accounts_.end()) return std::optional<Account>();
    return std::optional<Account>(it->second);
}

Status InMemoryAccountStore::add(const Account& account) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!accounts_.emplace(account.username, account).second) {
        return make_error(ErrorCode::kAlreadyExists, "username already exists");
    }
    return {};
}

Result<std::vector<Account>> InMemoryAccountStore::list() {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<Account> out;
    for (const auto& entry : accounts_) out.push_back(entry.second);
    return out;
}

}  // namespace spmis::auth

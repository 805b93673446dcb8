#pragma once
// Staff accounts kept in the main store's users/user_roles tables, so `spmis-server user add`,
// login and every other component see the same users.

#include <memory>
#include <string>

#include "spmis/auth/account_store.hpp"

namespace spmis::auth {

// Accounts in DIR/spmis.db (created and migrated when missing) through the store's access
// repository. The store connection is private and guarded by a mutex: a Store is one-per-thread.
// kStorage (or kSchemaTooNew) when the database cannot be opened.
Result<std::unique_ptr<AccountStore>> open_store_account_store(const std::string& data_dir);

}  // namespace spmis::auth

#pragma once
// Staff accounts kept in the main store's users/user_roles tables, so `spmis-server user add`,
// login and every other component see the same users.

#include <memory>
#include <string>

#include "spmis/auth/account_store.hpp"
#include "spmis/auth/login_throttle.hpp"
#include "spmis/auth/session_store.hpp"

namespace spmis::auth {

// Accounts in DIR/spmis.db (created and migrated when missing) through the store's access
// repository. The store connection is private and guarded by a mutex: a Store is one-per-thread.
// kStorage (or kSchemaTooNew) when the database cannot be opened.
Result<std::unique_ptr<AccountStore>> open_store_account_store(const std::string& store_location);

// Sessions in DIR/spmis.db's sessions table (token hashes with expiry), so a restart keeps
// everyone logged in. A session reports its user's current role and ends when the user is
// deactivated. Own connection, guarded by a mutex.
Result<std::unique_ptr<SessionStore>> open_store_session_store(const std::string& store_location);

// Failed logins counted in the store (schema 24): every server node on the database counts one
// username's and one address's failures together.
Result<std::unique_ptr<FailureLedger>> open_store_failure_ledger(const std::string& store_location);

}  // namespace spmis::auth

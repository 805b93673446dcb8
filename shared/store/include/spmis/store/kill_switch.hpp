#pragma once
// A SQLite store that reports every commit and every statement step inside a transaction to a
// KillSwitch (spmis/base/kill_switch.hpp), so a test can crash the server at any transaction
// boundary or fail a request at any point of its transaction.

#include <memory>

#include "spmis/base/kill_switch.hpp"
#include "spmis/base/status.hpp"

namespace spmis::store {

class Store;
struct StoreOptions;

// Opens a SQLite store as open_sqlite_store does, reporting every commit of its connection (the
// migrations included) and every statement step inside a transaction to `kill_switch`, which must
// outlive the store.
Result<std::unique_ptr<Store>> open_sqlite_store_watched(const StoreOptions& options,
                                                         KillSwitch& kill_switch);

}  // namespace spmis::store

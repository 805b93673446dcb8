#pragma once
// Numbered schema migrations on PostgreSQL, tracked in `schema_migrations` and applied at start-up
// under an advisory lock: several server nodes starting together on one database migrate it once
// (the others wait, then find it done).

#include <functional>
#include <string>
#include <vector>

#include "spmis/postgres/connection.hpp"

namespace spmis::postgres {

// One schema step: from version - 1 to version. `sql` runs first, then `code` (when set).
struct Migration {
    Migration(int v, const char* d, const char* s, std::function<Status(Connection&)> c = nullptr)
        : version(v), description(d), sql(s), code(std::move(c)) {}
    int version;
    const char* description;
    const char* sql;
    std::function<Status(Connection&)> code;
};

// Brings the database to `target` (0 = the last of `migrations`, which are in version order), each
// step in its own transaction. kSchemaTooNew naming both versions when the database is newer than
// `migrations` know; `what` names the store in messages.
Status migrate(Connection& db, const std::vector<Migration>& migrations, int target, const std::string& what);

// The highest version applied (0 for a database never migrated).
Result<int> schema_version_of(Connection& db);

}  // namespace spmis::postgres

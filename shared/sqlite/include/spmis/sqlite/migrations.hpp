#pragma once
// Numbered schema migrations, tracked with PRAGMA user_version and applied on open, each in its own
// transaction. Each store keeps its own list; this runs any of them.

#include <functional>
#include <vector>

#include "spmis/sqlite/connection.hpp"

namespace spmis::sqlite {

// One schema step: from version - 1 to version. `sql` runs first, then `code` (when set), for a
// step SQL alone cannot do (rebuilding an index table with C++ logic).
struct Migration {
    Migration(int v, const char* d, const char* s, std::function<Status(Connection&)> c = nullptr)
        : version(v), description(d), sql(s), code(std::move(c)) {}
    int version;
    const char* description;
    const char* sql;
    std::function<Status(Connection&)> code;
};

// Brings the file to `target` (0 = the last of `migrations`, which are in version order).
// kSchemaTooNew naming both versions when the file is newer than `migrations` know; `what` names
// the store in messages ("field store", "database").
Status migrate(Connection& db, const std::vector<Migration>& migrations, int target, const std::string& what);

// The file's PRAGMA user_version.
Result<int> schema_version_of(Connection& db);

}  // namespace spmis::sqlite

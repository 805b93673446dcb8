// Schema 24: failed logins per throttled key (a username, an address) in the database, so that
// several server nodes on one database count them together: N nodes no longer give a guesser N
// times the free failures.

#include "sqlite/migrations.hpp"

namespace spmis::store::sqlite {

const Migration& migration_0024_login_failures() {
    static const Migration kMigration{24, "login failures counted in the database, across nodes", R"sql(
CREATE TABLE IF NOT EXISTS login_failures (
    key TEXT PRIMARY KEY NOT NULL, failures INTEGER NOT NULL, locked_until INTEGER NOT NULL,
    last_failure INTEGER NOT NULL) WITHOUT ROWID;
)sql"};
    return kMigration;
}

}  // namespace spmis::store::sqlite

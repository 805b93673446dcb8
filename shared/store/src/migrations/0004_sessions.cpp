// Schema 4: staff login sessions, keyed by the SHA-256 of their token (never the token), so a
// restart of the server does not log everyone out.

#include "sqlite/migrations.hpp"

namespace spmis::store::sqlite {

const Migration& migration_0004_sessions() {
    static const Migration kMigration{4, "staff login sessions", R"sql(
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY NOT NULL, user_id BLOB NOT NULL REFERENCES users(id),
    expires_at INTEGER NOT NULL) WITHOUT ROWID;
CREATE INDEX sessions_expires ON sessions(expires_at);
)sql"};
    return kMigration;
}

}  // namespace spmis::store::sqlite

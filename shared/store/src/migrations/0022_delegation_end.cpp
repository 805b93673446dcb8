// Schema 22: a delegation can be ended before its last day (the delegator is back early, or an
// administrator withdraws it). The delegation row stays as it was given; when and by whom it was
// ended is a row of its own, so the history of who could approve for whom, and when, is kept. A
// table of its own (not new columns) also keeps the migration re-runnable.

#include "sqlite/migrations.hpp"

namespace spmis::store::sqlite {

const Migration& migration_0022_delegation_end() {
    static const Migration kMigration{22, "delegations: ended before their last day", R"sql(
CREATE TABLE IF NOT EXISTS delegation_ends (
    delegation_id BLOB PRIMARY KEY NOT NULL REFERENCES delegations(id), ended_at INTEGER NOT NULL,
    ended_by TEXT NOT NULL) WITHOUT ROWID;
)sql"};
    return kMigration;
}

}  // namespace spmis::store::sqlite

// Schema 5: background jobs (enrollment operations run off the request threads), the record a
// duplicated membership duplicates, and indexes that let membership lists page in SQL.

#include "sqlite/migrations.hpp"

namespace spmis::store::sqlite {

const Migration& migration_0005_jobs() {
    static const Migration kMigration{5, "background jobs and membership paging", R"sql(
CREATE TABLE jobs (
    id BLOB PRIMARY KEY NOT NULL, program_id BLOB NOT NULL REFERENCES programs(id),
    operation TEXT NOT NULL, options TEXT NOT NULL, state TEXT NOT NULL, done INTEGER NOT NULL,
    total INTEGER NOT NULL, result TEXT NOT NULL, error TEXT NOT NULL, actor TEXT NOT NULL,
    created_at INTEGER NOT NULL, started_at INTEGER, finished_at INTEGER);
CREATE INDEX jobs_state ON jobs(state, id);
ALTER TABLE program_memberships ADD COLUMN duplicate_of BLOB REFERENCES program_memberships(id);
CREATE INDEX program_memberships_program_id ON program_memberships(program_id, id);
CREATE INDEX program_memberships_program_state ON program_memberships(program_id, state, id);
)sql"};
    return kMigration;
}

}  // namespace spmis::store::sqlite

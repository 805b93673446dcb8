// Schema 23: several server nodes share one job queue (issue 20). A node claims a queued job by
// moving it to running, and holds it by a lease it renews while it works; a node that starts (or
// looks again while idle) fails only running jobs whose lease ran out, never another live node's.
// A table of its own keeps the migration re-runnable, as schema 22's.

#include "sqlite/migrations.hpp"

namespace spmis::store::sqlite {

const Migration& migration_0023_job_leases() {
    static const Migration kMigration{23, "job leases: one node runs a job, and only an abandoned one fails",
                                      R"sql(
CREATE TABLE IF NOT EXISTS job_leases (
    job_id BLOB PRIMARY KEY NOT NULL REFERENCES jobs(id), runner TEXT NOT NULL,
    expires_at INTEGER NOT NULL) WITHOUT ROWID;
)sql"};
    return kMigration;
}

}  // namespace spmis::store::sqlite

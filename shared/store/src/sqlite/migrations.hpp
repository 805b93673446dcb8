#pragma once
// The server store's numbered schema migrations compiled into the binary (src/migrations/NNNN_*.cpp),
// run by the shared runner (spmis/sqlite/migrations.hpp): PRAGMA user_version, one transaction each.

#include <vector>

#include "spmis/sqlite/migrations.hpp"
#include "sqlite/database.hpp"

namespace spmis::store::sqlite {

using ::spmis::sqlite::Migration;

const Migration& migration_0001_initial();
const Migration& migration_0002_search();
const Migration& migration_0003_sync();
const Migration& migration_0004_sessions();
const Migration& migration_0005_jobs();
const Migration& migration_0006_approvals();
const Migration& migration_0007_payments();
const Migration& migration_0008_credential_ledger();
const Migration& migration_0009_bulk_stamps();
const Migration& migration_0010_enrollment_approvals();
const Migration& migration_0012_sync_ingest();
const Migration& migration_0013_redemption_writes();
const Migration& migration_0014_audit_sets();
const Migration& migration_0015_ordered_indexes();
const Migration& migration_0016_text_problems();
const Migration& migration_0017_device_contacts();
const Migration& migration_0018_name_words();
const Migration& migration_0019_case_link_operations();
const Migration& migration_0020_refused_operations();
const Migration& migration_0021_name_forms();
const Migration& migration_0022_delegation_end();
const Migration& migration_0023_job_leases();
const Migration& migration_0024_login_failures();
const Migration& migration_0025_grievances();

// Every migration in version order.
const std::vector<Migration>& all_migrations();

// Brings the database to `target` (0 = latest). kSchemaTooNew naming both versions when the file
// is newer than this build knows.
Status migrate(Database& db, int target);

using ::spmis::sqlite::schema_version_of;

}  // namespace spmis::store::sqlite

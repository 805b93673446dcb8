#include "sqlite/migrations.hpp"

namespace spmis::store::sqlite {

const std::vector<Migration>& all_migrations() {
    static const std::vector<Migration> kAll = {
        migration_0001_initial(),
        migration_0002_search(),
        migration_0003_sync(),
        migration_0004_sessions(),
        migration_0005_jobs(),
        migration_0006_approvals(),
        migration_0007_payments(),
        migration_0008_credential_ledger(),
        migration_0009_bulk_stamps(),
        migration_0010_enrollment_approvals(),
        migration_0012_sync_ingest(),
        migration_0013_redemption_writes(),
        migration_0014_audit_sets(),
        migration_0015_ordered_indexes(),
        migration_0016_text_problems(),
        migration_0017_device_contacts(),
        migration_0018_name_words(),
        migration_0019_case_link_operations(),
        migration_0020_refused_operations(),
        migration_0021_name_forms(),
        migration_0022_delegation_end(),
        migration_0023_job_leases(),
        migration_0024_login_failures(),
        migration_0025_grievances(),
    };
    return kAll;
}

Status migrate(Database& db, int target) {
    return ::spmis::sqlite::migrate(db, all_migrations(), target, "database");
}

}  // namespace spmis::store::sqlite

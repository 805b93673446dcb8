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
    };
    return kAll;
}

Result<int> schema_version_of(Database& db) {
    SPMIS_ASSIGN_OR_RETURN(auto v, query_one<int>(db, "PRAGMA user_version", [](Row& r) { return r.i32(); }));
    return v.value_or(0);
}

Status migrate(Database& db, int target) {
    const int latest = all_migrations().back().version;
    if (target == 0) target = latest;
    SPMIS_ASSIGN_OR_RETURN(int current, schema_version_of(db));
    if (current > latest) {
        return make_error(ErrorCode::kSchemaTooNew, "database schema version " + std::to_string(current) +
                                                        " is newer than this build of spmis knows (latest " +
                                                        std::to_string(latest) + "); upgrade spmis");
    }
    for (const Migration& m : all_migrations()) {
        if (m.version <= current || m.version > target) continue;
        Status s = db.transaction([&]() -> Status {
            SPMIS_RETURN_IF_ERROR(db.exec(m.sql));
            return db.exec("PRAGMA user_version = " + std::to_string(m.version));
        });
        if (!s.ok()) {
            return make_error(s.code(), "migration " + std::to_string(m.version) + " (" + m.description +
                                            ") failed: " + s.message());
        }
    }
    return {};
}

}  // namespace spmis::store::sqlite

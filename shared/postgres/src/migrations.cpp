#include "spmis/postgres/migrations.hpp"

namespace spmis::postgres {
namespace {

// The advisory lock key of schema changes: ('s' 'p' 'm' 'i' 's') as a number, one per database.
constexpr const char* kLock = "SELECT pg_advisory_lock(495891081587)";
constexpr const char* kUnlock = "SELECT pg_advisory_unlock(495891081587)";

Status migrate_locked(Connection& db, const std::vector<Migration>& migrations, int target,
                      const std::string& what) {
    SPMIS_RETURN_IF_ERROR(
        db.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, description text "
                "NOT NULL)"));
    SPMIS_ASSIGN_OR_RETURN(int current, schema_version_of(db));
    const int latest = migrations.empty() ? 0 : migrations.back().version;
    if (current > latest) {
        return make_error(ErrorCode::kSchemaTooNew, what + " has schema version " + std::to_string(current) +
                                                        "; this build knows up to " + std::to_string(latest) +
                                                        ": upgrade spmis");
    }
    if (target == 0) target = latest;
    for (const Migration& m : migrations) {
        if (m.version <= current || m.version > target) continue;
        Status s = db.transaction([&]() -> Status {
            SPMIS_RETURN_IF_ERROR(db.exec(m.sql));
            if (m.code) SPMIS_RETURN_IF_ERROR(m.code(db));
            return run(db, "INSERT INTO schema_migrations (version, description) VALUES (?, ?)", m.version,
                       std::string(m.description));
        });
        if (!s.ok()) {
            return make_error(s.code(), what + " migration " + std::to_string(m.version) + " (" +
                                            m.description + ") failed: " + s.message());
        }
    }
    return {};
}

}  // namespace

Result<int> schema_version_of(Connection& db) {
    SPMIS_ASSIGN_OR_RETURN(std::int64_t exists,
                           query_int(db,
                                     "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() "
                                     "AND tablename = 'schema_migrations'",
                                     0));
    if (exists == 0) return 0;
    SPMIS_ASSIGN_OR_RETURN(std::int64_t version,
                           query_int(db, "SELECT max(version) FROM schema_migrations", 0));
    return static_cast<int>(version);
}

Status migrate(Connection& db, const std::vector<Migration>& migrations, int target,
               const std::string& what) {
    if (db.in_transaction()) {
        return make_error(ErrorCode::kFailedPrecondition, "migrations run outside any transaction");
    }
    SPMIS_RETURN_IF_ERROR(db.exec(kLock));
    const Status s = migrate_locked(db, migrations, target, what);
    // Also released if the connection is lost: advisory locks belong to the session.
    const Status unlocked = db.exec(kUnlock);
    return s.ok() ? unlocked : s;
}

}  // namespace spmis::postgres

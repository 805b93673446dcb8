// The SQLite backend of Store: one file, the shared repositories over it, and the open/migrate
// sequence.

#include <filesystem>

#include "repositories/sql_store.hpp"
#include "spmis/store/kill_switch.hpp"
#include "spmis/store/tuning.hpp"
#include "spmis/store/wal_checkpointer.hpp"
#include "sqlite/migrations.hpp"

namespace spmis::store {
namespace sqlite {
namespace {

class SqliteStore final : public SqlStore {
public:
    using SqlStore::SqlStore;

    Result<std::unique_ptr<Store>> open_reader() override;
    Status lock_exclusively(std::string_view /*name*/) override { return {}; }  // one writer at a time
    int schema_version() const override {
        auto v = schema_version_of(db());
        return v.ok() ? *v : -1;
    }
    Result<std::string> content_digest() override { return content_digest_of(db()); }
};

}  // namespace
}  // namespace sqlite

int latest_schema_version() { return sqlite::all_migrations().back().version; }

namespace {

Result<std::unique_ptr<Store>> open_with(const StoreOptions& options, KillSwitch* kill_switch,
                                         bool wal_autocheckpoint = true) {
    Clock& clock = options.clock != nullptr ? *options.clock : SystemClock::instance();
    SPMIS_ASSIGN_OR_RETURN(auto db, sqlite::Database::open(options.path, clock, kill_switch));
    SPMIS_RETURN_IF_ERROR(sqlite::migrate(*db, options.migrate_to));
    if (!wal_autocheckpoint) {
        // Only a backstop, far above what the background checkpointer lets the WAL reach: should it
        // be starved, the writer checkpoints itself and the WAL stays bounded.
        SPMIS_RETURN_IF_ERROR(db->exec(
            "PRAGMA wal_autocheckpoint=" + std::to_string(tuning::kWalBackstopCheckpointPages) + ";"));
    }
    return std::unique_ptr<Store>(std::make_unique<sqlite::SqliteStore>(std::move(db)));
}

Result<std::unique_ptr<Store>> open_in_directory(const std::string& dir, Clock* clock,
                                                 bool wal_autocheckpoint) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec)
        return make_error(ErrorCode::kStorage, "cannot create data directory '" + dir + "': " + ec.message());
    SPMIS_ASSIGN_OR_RETURN(auto store,
                           open_with(StoreOptions{dir + "/spmis.db", clock, 0}, nullptr, wal_autocheckpoint));
    // migrate-store marks a directory it copied into PostgreSQL: serving it again would take records
    // that never reach the database the devices sync with.
    SPMIS_ASSIGN_OR_RETURN(auto moved_to, store->server_meta().get_meta("moved_to"));
    if (moved_to) {
        return make_error(ErrorCode::kFailedPrecondition,
                          "the store in " + dir + " was moved to " + *moved_to +
                              " by migrate-store; run with --database set to that database");
    }
    return store;
}

}  // namespace

namespace sqlite {

Result<std::unique_ptr<Store>> SqliteStore::open_reader() {
    const char* file = sqlite3_db_filename(db().raw(), "main");
    if (file == nullptr || *file == '\0') {
        return make_error(ErrorCode::kFailedPrecondition, "an in-memory database has no second connection");
    }
    if (db().has_uncommitted_writes()) {
        return make_error(ErrorCode::kFailedPrecondition,
                          "a second connection would not see this transaction's writes");
    }
    // At this store's version, so a reader never migrates the file under its writer.
    return open_with(StoreOptions{file, &db().clock(), schema_version()}, nullptr);
}

}  // namespace sqlite

Result<std::unique_ptr<Store>> open_sqlite_store(const StoreOptions& options) {
    return open_with(options, nullptr);
}

Result<std::unique_ptr<Store>> open_sqlite_store_watched(const StoreOptions& options,
                                                         KillSwitch& kill_switch) {
    return open_with(options, &kill_switch);
}

Result<std::unique_ptr<Store>> open_store_in_directory(const std::string& dir, Clock* clock) {
    return open_in_directory(dir, clock, true);
}

Result<std::unique_ptr<Store>> open_store_in_directory_for_checkpointer(const std::string& dir,
                                                                        Clock* clock) {
    return open_in_directory(dir, clock, false);
}

}  // namespace spmis::store

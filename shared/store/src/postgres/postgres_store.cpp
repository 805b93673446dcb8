// The PostgreSQL backend of Store: one connection, the shared repositories over it, and the
// connect/migrate sequence (several nodes starting together migrate once, under an advisory lock).

#include "postgres/schema.hpp"
#include "repositories/sql_store.hpp"

namespace spmis::store {
namespace pg {
namespace {

class PostgresStore final : public SqlStore {
public:
    using SqlStore::SqlStore;

    // Outside a transaction: another connection, which reads what is committed. Inside one,
    // kFailedPrecondition: unlike SQLite, other nodes commit while this store writes, so a second
    // connection would not read what this transaction started from; the caller reads on its own.
    Result<std::unique_ptr<Store>> open_reader() override {
        if (db().in_transaction()) {
            return make_error(ErrorCode::kFailedPrecondition,
                              "a second PostgreSQL connection would not read this transaction's snapshot");
        }
        return open_postgres_store(PostgresStoreOptions{db().url(), &db().clock(), schema_version()});
    }
    Status lock_exclusively(std::string_view name) override {
        if (!db().in_transaction())
            return make_error(ErrorCode::kFailedPrecondition,
                              "an exclusive lock is taken inside a transaction");
        return query_one<std::int64_t>(
                   db(), "SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtextextended(?, 0))) AS locked",
                   [](Row& r) { return r.i64(); }, std::string(name))
            .status();
    }
    int schema_version() const override {
        auto v = postgres::schema_version_of(db());
        return v.ok() ? *v : -1;
    }
    Result<std::string> content_digest() override { return content_digest_of(db()); }
};

}  // namespace
}  // namespace pg

int latest_postgres_schema_version() { return pg::migrations().back().version; }

Result<std::unique_ptr<Store>> open_postgres_store(const PostgresStoreOptions& options) {
    Clock& clock = options.clock != nullptr ? *options.clock : SystemClock::instance();
    SPMIS_ASSIGN_OR_RETURN(auto db, pg::Database::open(options.url, clock, options.kill_switch));
    SPMIS_ASSIGN_OR_RETURN(const int version, postgres::schema_version_of(*db));
    // A reader opened at the store's version never migrates the database under its writer.
    if (options.migrate_to == 0 || options.migrate_to > version) {
        SPMIS_RETURN_IF_ERROR(postgres::migrate(*db, pg::migrations(), options.migrate_to,
                                                "database " + postgres::redacted(options.url)));
    }
    return std::unique_ptr<Store>(std::make_unique<pg::PostgresStore>(std::move(db)));
}

bool is_postgres_url(std::string_view location) {
    return location.starts_with("postgresql://") || location.starts_with("postgres://");
}

Result<std::unique_ptr<Store>> open_store_at(const std::string& location, Clock* clock) {
    if (is_postgres_url(location)) return open_postgres_store(PostgresStoreOptions{location, clock});
    return open_store_in_directory(location, clock);
}

}  // namespace spmis::store

// The SQLite backend of Store: one connection, its repositories and the open/migrate sequence.

#include <cstdio>
#include <filesystem>

#include "spmis/store/kill_switch.hpp"
#include "spmis/store/tuning.hpp"
#include "spmis/store/wal_checkpointer.hpp"
#include "sqlite/approval_repo.hpp"
#include "sqlite/migrations.hpp"
#include "sqlite/payment_repo.hpp"
#include "sqlite/repositories.hpp"
#include "sqlite/sync_repo.hpp"

namespace spmis::store {
namespace sqlite {
namespace {

// Tables in digest order; every table's first one or two columns are its key.
constexpr const char* kDigestTables[] = {"areas",
                                         "registrants",
                                         "registrant_attributes",
                                         "group_memberships",
                                         "programs",
                                         "program_variables",
                                         "program_memberships",
                                         "cycles",
                                         "service_points",
                                         "service_point_programs",
                                         "entitlements",
                                         "payment_batches",
                                         "payments",
                                         "payment_imports",
                                         "distribution_events",
                                         "users",
                                         "user_roles",
                                         "devices",
                                         "device_service_points",
                                         "attendance",
                                         "redemptions",
                                         "audit_events",
                                         "audit_event_records",
                                         "approval_chains",
                                         "approval_requests",
                                         "approval_decisions",
                                         "approval_request_memberships",
                                         "delegations"};

// FNV-1a: a stable, dependency-free content hash (equality checks, not security).
void mix(std::uint64_t& h, const void* data, std::size_t n) {
    const auto* p = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < n; ++i) h = (h ^ p[i]) * 0x100000001b3ULL;
}

class SqliteStore final : public Store {
public:
    explicit SqliteStore(std::unique_ptr<Database> db)
        : db_(std::move(db)),
          registry_(*db_),
          programs_(*db_),
          delivery_(*db_),
          service_points_(*db_),
          audit_(*db_),
          access_(*db_),
          operation_log_(*db_),
          enrollment_codes_(*db_),
          cases_(*db_),
          change_feed_(*db_),
          server_meta_(*db_),
          payments_(*db_),
          monitoring_(*db_),
          jobs_(*db_),
          approvals_(*db_) {}

    RegistryRepository& registry() override { return registry_; }
    ProgramRepository& programs() override { return programs_; }
    DeliveryRepository& delivery() override { return delivery_; }
    ServicePointRepository& service_points() override { return service_points_; }
    AuditRepository& audit() override { return audit_; }
    AccessRepository& access() override { return access_; }
    OperationLogRepository& operation_log() override { return operation_log_; }
    EnrollmentCodeRepository& enrollment_codes() override { return enrollment_codes_; }
    CaseRepository& cases() override { return cases_; }
    ChangeFeedRepository& change_feed() override { return change_feed_; }
    ServerMetaRepository& server_meta() override { return server_meta_; }
    PaymentRepository& payments() override { return payments_; }
    MonitoringRepository& monitoring() override { return monitoring_; }
    JobRepository& jobs() override { return jobs_; }
    ApprovalRepository& approvals() override { return approvals_; }
    Clock& clock() override { return db_->clock(); }
    Status transaction(const std::function<Status()>& body) override { return db_->transaction(body); }
    Result<std::unique_ptr<Store>> open_reader() override;
    int schema_version() const override {
        auto v = schema_version_of(*db_);
        return v.ok() ? *v : -1;
    }
    Result<std::string> content_digest() override;

private:
    Status digest_table(const std::string& table, std::uint64_t& h);

    std::unique_ptr<Database> db_;
    SqliteRegistry registry_;
    SqlitePrograms programs_;
    SqliteDelivery delivery_;
    SqliteServicePoints service_points_;
    SqliteAudit audit_;
    SqliteAccess access_;
    SqliteOperationLog operation_log_;
    SqliteEnrollmentCodes enrollment_codes_;
    SqliteCases cases_;
    SqliteChangeFeed change_feed_;
    SqliteServerMeta server_meta_;
    SqlitePayments payments_;
    SqliteMonitoring monitoring_;
    SqliteJobs jobs_;
    SqliteApprovals approvals_;
};

Status SqliteStore::digest_table(const std::string& table, std::uint64_t& h) {
    SPMIS_ASSIGN_OR_RETURN(Statement * st, db_->prepare("SELECT * FROM " + table + " ORDER BY 1, 2"));
    st->bind();
    mix(h, table.data(), table.size());
    while (true) {
        SPMIS_ASSIGN_OR_RETURN(bool has_row, st->step());
        if (!has_row) return {};
        sqlite3_stmt* raw = st->raw();
        for (int c = 0; c < sqlite3_column_count(raw); ++c) {
            int type = sqlite3_column_type(raw, c);
            mix(h, &type, sizeof type);
            const void* p = sqlite3_column_blob(raw, c);  // text and numbers come back as their text/bytes
            mix(h, p, static_cast<std::size_t>(sqlite3_column_bytes(raw, c)));
        }
    }
}

Result<std::string> SqliteStore::content_digest() {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (const char* table : kDigestTables) SPMIS_RETURN_IF_ERROR(digest_table(table, h));
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return std::string(buf);
}

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
    return open_with(StoreOptions{dir + "/spmis.db", clock, 0}, nullptr, wal_autocheckpoint);
}

}  // namespace

namespace sqlite {

Result<std::unique_ptr<Store>> SqliteStore::open_reader() {
    const char* file = sqlite3_db_filename(db_->raw(), "main");
    if (file == nullptr || *file == '\0') {
        return make_error(ErrorCode::kFailedPrecondition, "an in-memory database has no second connection");
    }
    if (db_->has_uncommitted_writes()) {
        return make_error(ErrorCode::kFailedPrecondition,
                          "a second connection would not see this transaction's writes");
    }
    // At this store's version, so a reader never migrates the file under its writer.
    return open_with(StoreOptions{file, &db_->clock(), schema_version()}, nullptr);
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

#pragma once
// The Store: one database with its repositories and transactions. Backends (SQLite, the embedded
// default, and PostgreSQL, for several nodes) implement this interface; callers never see SQL or
// backend types.
//
// SQLite encoding (documented in docs/store.md): ids are 16-byte blobs (v7 ids keep inserts in
// key order), money is integer minor units plus a currency column, times are integer Unix
// microseconds, calendar dates are 'YYYY-MM-DD' text, enums are their stable names.

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "spmis/base/clock.hpp"
#include "spmis/base/kill_switch.hpp"
#include "spmis/store/access_repository.hpp"
#include "spmis/store/approval_repository.hpp"
#include "spmis/store/audit_repository.hpp"
#include "spmis/store/case_repository.hpp"
#include "spmis/store/change_feed_repository.hpp"
#include "spmis/store/delivery_repository.hpp"
#include "spmis/store/enrollment_code_repository.hpp"
#include "spmis/store/grievance_repository.hpp"
#include "spmis/store/job_repository.hpp"
#include "spmis/store/monitoring_repository.hpp"
#include "spmis/store/operation_log_repository.hpp"
#include "spmis/store/payment_repository.hpp"
#include "spmis/store/program_repository.hpp"
#include "spmis/store/registry_repository.hpp"
#include "spmis/store/server_meta_repository.hpp"
#include "spmis/store/service_point_repository.hpp"

namespace spmis::store {

// The newest schema version this build knows.
int latest_schema_version();

// A database and its repositories. Not thread-safe: use one Store per thread.
class Store {
public:
    virtual ~Store() = default;

    virtual RegistryRepository& registry() = 0;
    virtual ProgramRepository& programs() = 0;
    virtual DeliveryRepository& delivery() = 0;
    virtual ServicePointRepository& service_points() = 0;
    virtual AuditRepository& audit() = 0;
    virtual AccessRepository& access() = 0;
    // Sync: the operation log, device enrollment codes, the reconciliation queue, the change feed
    // pulls are cut from, and server settings. Its facts go through service_points().
    virtual OperationLogRepository& operation_log() = 0;
    virtual EnrollmentCodeRepository& enrollment_codes() = 0;
    virtual CaseRepository& cases() = 0;
    virtual ChangeFeedRepository& change_feed() = 0;
    virtual ServerMetaRepository& server_meta() = 0;
    virtual JobRepository& jobs() = 0;
    virtual PaymentRepository& payments() = 0;
    virtual MonitoringRepository& monitoring() = 0;
    virtual ApprovalRepository& approvals() = 0;
    // Grievance categories, tickets and their history (schema 25).
    virtual GrievanceRepository& grievances() = 0;

    // The clock this store was opened with: the one "now" of every service that works on it (audit
    // times, expiry, approval deadlines), so a test or a demo sets the date in one place.
    virtual Clock& clock() = 0;

    // Runs `body` in one transaction: commits when it returns ok, rolls back every write made
    // inside it otherwise and returns its error. Nested calls are savepoints: an inner failure
    // undoes only the inner writes (the outer body decides whether to propagate it).
    virtual Status transaction(const std::function<Status()>& body) = 0;
    // Holds the lock `name` until the current transaction ends, against every other writer of the
    // deployment: several server nodes on one PostgreSQL database take a transaction-scoped advisory
    // lock; SQLite has one writer at a time already. Push ordering and periodic tasks take it so
    // that what one node checks (a balance, the next sequence) no other node changes meanwhile.
    virtual Status lock_exclusively(std::string_view name) = 0;
    // Another connection to this database, for a thread that reads while this store writes. It
    // sees committed data: while this store holds a write transaction nobody else can commit, so it
    // reads what that transaction started from. kFailedPrecondition when there is no file to share
    // or this store's open transaction has already written (the reader would not see it).
    virtual Result<std::unique_ptr<Store>> open_reader() = 0;
    // The schema version of the open database.
    virtual int schema_version() const = 0;
    // A digest of every record (not the file bytes): equal content gives an equal digest.
    virtual Result<std::string> content_digest() = 0;
};

// How to open a store.
struct StoreOptions {
    std::string path;        // database file; created when missing
    Clock* clock = nullptr;  // for created/updated/audit times; the system clock when null
    int migrate_to = 0;      // 0 = latest; a lower version only for migration tests
};

// Opens (creating and migrating as needed) a SQLite store. kSchemaTooNew naming both versions
// when the file was written by a newer build; kStorage when the file cannot be opened.
Result<std::unique_ptr<Store>> open_sqlite_store(const StoreOptions& options);

// Opens DIR/spmis.db, creating DIR when missing; kFailedPrecondition when migrate-store moved it to
// PostgreSQL (its server_meta "moved_to").
Result<std::unique_ptr<Store>> open_store_in_directory(const std::string& dir, Clock* clock = nullptr);

// Whether `location` names a PostgreSQL database ("postgresql://..." or "postgres://...").
bool is_postgres_url(std::string_view location);
// A deployment's store: the PostgreSQL database `location` names, or else the SQLite store in the
// data directory `location`.
Result<std::unique_ptr<Store>> open_store_at(const std::string& location, Clock* clock = nullptr);

// How to open a PostgreSQL store.
struct PostgresStoreOptions {
    std::string url;                    // libpq URI ("postgresql://user@host/db") or key=value string
    Clock* clock = nullptr;             // as StoreOptions::clock
    int migrate_to = 0;                 // 0 = latest; a lower version only for migration tests and readers
    KillSwitch* kill_switch = nullptr;  // tests only: sees every commit and statement
};

// The newest PostgreSQL schema version this build knows.
int latest_postgres_schema_version();

// Connects and migrates (under an advisory lock: nodes starting together migrate once). kStorage
// naming the address (its password hidden) when the server cannot be reached or refuses the login;
// kSchemaTooNew naming both versions when the database was migrated by a newer build.
Result<std::unique_ptr<Store>> open_postgres_store(const PostgresStoreOptions& options);

}  // namespace spmis::store

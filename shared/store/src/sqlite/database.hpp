#pragma once
// The SQLite backend's connection: the shared SQLite connection (spmis/sqlite) with the clock and
// audit helpers every repository uses (repositories/store_database.hpp), the SQL functions
// migrations and set-based writes call, and SQLite's side of the dialect repositories/backend.hpp
// lists. Internal to the SQLite backend.

#include <memory>
#include <string>

#include "repositories/store_database.hpp"
#include "spmis/base/kill_switch.hpp"
#include "spmis/model/enum_names.hpp"
#include "spmis/sqlite/connection.hpp"

namespace spmis::store::sqlite {

using ::spmis::sqlite::Connection;
using ::spmis::sqlite::query;
using ::spmis::sqlite::query_one;
using ::spmis::sqlite::Row;
using ::spmis::sqlite::run;
using ::spmis::sqlite::run_counted;
using ::spmis::sqlite::Statement;

class Database : public StoreDatabase<Connection> {
public:
    using StoreDatabase::StoreDatabase;

    // Opens (creating) a file with the server's pragmas and SQL functions (spmis_uuid7,
    // spmis_text_problem, spmis_nfc_problem, spmis_fold); `kill_switch` (tests only, may be null, must
    // outlive the Database) sees every commit and every statement step inside a transaction.
    static Result<std::unique_ptr<Database>> open(const std::string& path, Clock& clock,
                                                  KillSwitch* kill_switch = nullptr);
};

// Takes `n` consecutive sync_clock values for server_seq stamps; returns the first. SQLite has one
// writer at a time, so a stamp taken while writing follows commit order. Entitlement inserts, bulk
// state changes (migration 9) and redemptions stamp from such a block.
Result<std::int64_t> reserve_stamps(Database& db, std::int64_t n);
// The operation log's numbers come from the same clock on SQLite.
inline Result<std::int64_t> reserve_operation_seqs(Database& db, std::int64_t n) {
    return reserve_stamps(db, n);
}

// The temporary table a set-based step collects the ids it changes in, numbered from 1.
inline constexpr const char* kBulkIdsTable =
    "CREATE TEMP TABLE IF NOT EXISTS bulk_ids (n INTEGER PRIMARY KEY, id BLOB NOT NULL)";

// The UTC calendar day of a column of Unix microseconds, as 'YYYY-MM-DD'.
inline std::string day_of_micros(const std::string& column) {
    return "date(" + column + " / 1000000, 'unixepoch')";
}

}  // namespace spmis::store::sqlite

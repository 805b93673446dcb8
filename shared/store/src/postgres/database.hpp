#pragma once
// The PostgreSQL backend's connection: spmis::postgres's connection with the clock and audit
// helpers every repository uses (repositories/store_database.hpp), and PostgreSQL's side of the
// dialect repositories/backend.hpp lists. Internal to the PostgreSQL backend.

#include <memory>
#include <string>

#include "repositories/store_database.hpp"
#include "spmis/base/kill_switch.hpp"
#include "spmis/model/enum_names.hpp"
#include "spmis/postgres/connection.hpp"

namespace spmis::store::pg {

using ::spmis::postgres::Connection;
using ::spmis::postgres::query;
using ::spmis::postgres::query_one;
using ::spmis::postgres::Row;
using ::spmis::postgres::run;
using ::spmis::postgres::run_counted;
using ::spmis::postgres::Statement;

class Database : public StoreDatabase<Connection> {
public:
    using StoreDatabase::StoreDatabase;

    // Connects (kStorage naming the redacted address when it cannot); `kill_switch` as on SQLite.
    static Result<std::unique_ptr<Database>> open(const std::string& url, Clock& clock,
                                                  KillSwitch* kill_switch = nullptr);
    const std::string& url() const { return url_; }

private:
    std::string url_;
};

// Writes never stamp on PostgreSQL: the deferred triggers of the schema stamp each pullable record
// while its transaction commits, in commit order (docs/store.md). A stamp a repository writes
// itself is a placeholder they overwrite, so no clock lock is taken before the commit.
inline Result<std::int64_t> reserve_stamps(Database& /*db*/, std::int64_t /*n*/) { return 0; }
// Consecutive numbers for the operation log, from its own counter row (migration 2): only pushes
// take it, and never while holding the change clock, so the two cannot deadlock.
Result<std::int64_t> reserve_operation_seqs(Database& db, std::int64_t n);

// The temporary table a set-based step collects the ids it changes in, numbered from 1. Dropped at
// the end of the session, so a pooled connection keeps it between steps (each step empties it).
inline constexpr const char* kBulkIdsTable =
    "CREATE TEMP TABLE IF NOT EXISTS bulk_ids (n bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
    "id uuid NOT NULL)";

// The UTC calendar day of a column of Unix microseconds, as 'YYYY-MM-DD'.
inline std::string day_of_micros(const std::string& column) {
    return "to_char(to_timestamp(" + column + " / 1000000) AT TIME ZONE 'UTC', 'YYYY-MM-DD')";
}

}  // namespace spmis::store::pg

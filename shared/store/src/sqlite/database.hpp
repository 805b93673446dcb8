#pragma once
// The server store's connection: the shared SQLite connection (spmis/sqlite) plus what every
// repository here needs beside it: the clock, the audited state-change helper and the SQL
// functions migrations and set-based writes call. Internal to the SQLite backend.

#include <memory>
#include <string>

#include "spmis/base/clock.hpp"
#include "spmis/base/kill_switch.hpp"
#include "spmis/model/audit.hpp"
#include "spmis/model/enum_names.hpp"
#include "spmis/sqlite/connection.hpp"

namespace spmis::store::sqlite {

using ::spmis::sqlite::Connection;
using ::spmis::sqlite::query;
using ::spmis::sqlite::query_one;
using ::spmis::sqlite::Row;
using ::spmis::sqlite::run;
using ::spmis::sqlite::Statement;

class Database : public Connection {
public:
    explicit Database(Clock& clock) : clock_(clock) {}

    // Opens (creating) a file with the server's pragmas and SQL functions; `kill_switch` (tests
    // only, may be null, must outlive the Database) sees every commit and every statement step
    // inside a transaction.
    static Result<std::unique_ptr<Database>> open(const std::string& path, Clock& clock,
                                                  KillSwitch* kill_switch = nullptr);

    // Appends an audit event (must run inside a transaction to be atomic with its change).
    Status append_audit(const model::AuditEvent& e);
    // An audit event stamped now with a new id.
    model::AuditEvent audit_event(std::string actor, std::string kind, const Uuid& id, std::string action,
                                  std::string before, std::string after, std::string reason) const;
    UtcTime now() const { return clock_.now(); }
    Clock& clock() const { return clock_; }

private:
    Clock& clock_;
};

// A stored enumeration name read back; the default value and a noted error when it is unknown.
template <typename E>
E enumeration(Row& r) {
    return r.parsed<E>([](std::string_view text) { return model::parse_enum<E>(text); });
}

// Takes `n` consecutive sync_clock values for server_seq stamps; returns the first. Entitlement
// inserts, bulk state changes (migration 9) and the operations of a push stamp from such a block.
Result<std::int64_t> reserve_stamps(Database& db, std::int64_t n);

// The single row of a query; kNotFound naming the record kind and id when there is none.
template <typename T, typename F>
Result<T> get_by_id(Database& db, const std::string& sql, F read, const char* kind, const Uuid& id) {
    SPMIS_ASSIGN_OR_RETURN(auto row, query_one<T>(db, sql, read, id));
    if (!row)
        return make_error(ErrorCode::kNotFound, std::string(kind) + " " + id.to_string() + " does not exist");
    return std::move(*row);
}

}  // namespace spmis::store::sqlite

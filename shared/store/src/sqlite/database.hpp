#pragma once
// One SQLite connection: pragmas, a cache of prepared statements, nested transactions and the
// audited state-change helper every repository uses. Internal to the SQLite backend.

#include <sqlite3.h>

#include <functional>
#include <memory>
#include <string>
#include <unordered_map>

#include "spmis/base/clock.hpp"
#include "spmis/base/kill_switch.hpp"
#include "spmis/model/audit.hpp"
#include "sqlite/statement.hpp"

namespace spmis::store::sqlite {

class Database {
public:
    Database(sqlite3* db, Clock& clock) : db_(db), clock_(clock) {}
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    // Opens (creating) a file and applies the connection pragmas; `kill_switch` (tests only, may be
    // null, must outlive the Database) sees every commit.
    static Result<std::unique_ptr<Database>> open(const std::string& path, Clock& clock,
                                                  KillSwitch* kill_switch = nullptr);

    // Runs SQL text without results (schema, pragmas).
    Status exec(const std::string& sql);
    // The cached prepared statement for this SQL text (prepared on first use). Owned by the Database.
    Result<Statement*> prepare(const std::string& sql);
    // Commits `body`'s writes atomically; nested calls use savepoints.
    Status transaction(const std::function<Status()>& body);
    // Appends an audit event (must run inside a transaction to be atomic with its change).
    Status append_audit(const model::AuditEvent& e);
    // An audit event stamped now with a new id.
    model::AuditEvent audit_event(std::string actor, std::string kind, const Uuid& id, std::string action,
                                  std::string before, std::string after, std::string reason) const;
    UtcTime now() const { return clock_.now(); }
    Clock& clock() const { return clock_; }
    // Whether a transaction is open and has written rows another connection cannot see yet.
    bool has_uncommitted_writes() const {
        return depth_ > 0 && sqlite3_total_changes64(db_) != changes_at_begin_;
    }
    sqlite3* raw() { return db_; }

private:
    sqlite3* db_;
    Clock& clock_;
    int depth_ = 0;
    std::int64_t changes_at_begin_ = 0;  // sqlite3_total_changes64 when the outermost transaction began
    KillSwitch* kill_switch_ = nullptr;
    std::unordered_map<std::string, std::unique_ptr<Statement>> statements_;
};

// Runs one cached statement with `args` to completion.
template <typename... A>
Status run(Database& db, const std::string& sql, const A&... args) {
    SPMIS_ASSIGN_OR_RETURN(Statement * st, db.prepare(sql));
    return st->bind(args...).run();
}

// Takes `n` consecutive sync_clock values for server_seq stamps; returns the first. Entitlement
// inserts, bulk state changes (migration 9) and the operations of a push stamp from such a block.
Result<std::int64_t> reserve_stamps(Database& db, std::int64_t n);

// Reads every row of a query with `read(Row&) -> T`.
template <typename T, typename F, typename... A>
Result<std::vector<T>> query(Database& db, const std::string& sql, F read, const A&... args) {
    SPMIS_ASSIGN_OR_RETURN(Statement * st, db.prepare(sql));
    st->bind(args...);
    std::vector<T> out;
    while (true) {
        SPMIS_ASSIGN_OR_RETURN(bool has_row, st->step());
        if (!has_row) break;
        Row row(*st);
        out.push_back(read(row));
        if (!row.status().ok()) return row.status();
    }
    return out;
}

// The single row of a query, nullopt when there is none.
template <typename T, typename F, typename... A>
Result<std::optional<T>> query_one(Database& db, const std::string& sql, F read, const A&... args) {
    SPMIS_ASSIGN_OR_RETURN(auto rows, query<T>(db, sql, read, args...));
    if (rows.empty()) return std::optional<T>{};
    return std::optional<T>(std::move(rows.front()));
}

// The single row of a query; kNotFound naming the record kind and id when there is none.
template <typename T, typename F>
Result<T> get_by_id(Database& db, const std::string& sql, F read, const char* kind, const Uuid& id) {
    SPMIS_ASSIGN_OR_RETURN(auto row, query_one<T>(db, sql, read, id));
    if (!row)
        return make_error(ErrorCode::kNotFound, std::string(kind) + " " + id.to_string() + " does not exist");
    return std::move(*row);
}

}  // namespace spmis::store::sqlite

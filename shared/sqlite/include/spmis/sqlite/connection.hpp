#pragma once
// One SQLite connection: pragmas, a cache of prepared statements, nested transactions (savepoints
// inside) that roll back whatever leaves their body, and the query helpers every store uses. The
// server store and the field store are both built on it; neither talks to sqlite3 directly.

#include <sqlite3.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "spmis/base/kill_switch.hpp"
#include "spmis/sqlite/statement.hpp"

namespace spmis::sqlite {

// How a store wants its file opened.
struct Options {
    // How long a writer waits for another connection's lock before giving up (kStorage "busy").
    int busy_timeout_ms = 5000;
    // FULL: every commit reaches the disk before it returns (field records); NORMAL: a commit in WAL
    // mode costs no fsync of the main file (the server, which has backups and its own log).
    bool synchronous_full = false;
    bool foreign_keys = false;
    // Page cache per connection in KiB; 0 keeps SQLite's default.
    int cache_kib = 0;
    // Tests only (may be null, must outlive the connection): sees every commit and every statement
    // step inside a transaction.
    KillSwitch* kill_switch = nullptr;
};

class Connection {
public:
    // Opens (creating) a file in WAL mode with `options`.
    static Result<std::unique_ptr<Connection>> open(const std::string& path, const Options& options);
    virtual ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    // Runs SQL text without parameters or results (schema, pragmas); several statements allowed.
    Status exec(const std::string& sql);
    // The cached prepared statement for this SQL text (prepared on first use). Owned here.
    Result<Statement*> prepare(const std::string& sql);
    // Commits `body`'s writes atomically; nested calls use savepoints. Whatever leaves the body (an
    // error or an exception) rolls back its writes and leaves the connection as it was.
    Status transaction(const std::function<Status()>& body);
    // Whether a transaction is open and has written rows another connection cannot see yet.
    bool has_uncommitted_writes() const {
        return depth_ > 0 && sqlite3_total_changes64(db_) != changes_at_begin_;
    }
    bool in_transaction() const { return depth_ > 0; }
    // Registers a scalar SQL function `name(args...)` implemented by `fn`.
    Status define_function(const char* name, int args, bool deterministic,
                           void (*fn)(sqlite3_context*, int, sqlite3_value**));
    // Tests only: from now on every commit, and every statement step inside a transaction, is
    // reported to `kill_switch` (which outlives this); null stops watching.
    void watch_commits(KillSwitch* kill_switch);
    // The watching switch's verdict on a commit that just returned (ok when none watches).
    Status after_commit() const { return kill_switch_ != nullptr ? kill_switch_->after_commit() : Status{}; }
    // The watching switch's fault for a statement step about to run inside a transaction: ok when
    // none watches or none is armed there, else an error or a thrown InjectedFault (kill_switch.hpp).
    Status step_fault() {
        return kill_switch_ != nullptr && depth_ > 0 ? kill_switch_->before_step() : Status{};
    }
    sqlite3* raw() { return db_; }

protected:
    // A store that adds to the connection (its own SQL functions, an audit helper) derives from it:
    // construct, then open_file().
    Connection() = default;
    Status open_file(const std::string& path, const Options& options);

private:
    // The statements of this connection that are between two steps.
    std::vector<sqlite3_stmt*> running_statements() const;
    // Resets every running statement that was not running before (`running_before`).
    void reset_left_running(const std::vector<sqlite3_stmt*>& running_before);

    sqlite3* db_ = nullptr;
    int depth_ = 0;
    std::int64_t changes_at_begin_ = 0;  // sqlite3_total_changes64 when the outermost transaction began
    KillSwitch* kill_switch_ = nullptr;
    std::unordered_map<std::string, std::unique_ptr<Statement>> statements_;
};

// Runs one cached statement with `args` to completion.
template <typename... A>
Status run(Connection& db, const std::string& sql, const A&... args) {
    SPMIS_ASSIGN_OR_RETURN(Statement * st, db.prepare(sql));
    return st->bind(args...).run();
}

// Runs one cached write with `args`; the number of rows it changed.
template <typename... A>
Result<std::int64_t> run_counted(Connection& db, const std::string& sql, const A&... args) {
    SPMIS_ASSIGN_OR_RETURN(Statement * st, db.prepare(sql));
    SPMIS_RETURN_IF_ERROR(st->bind(args...).run());
    return st->changes();
}

// Reads every row of a query with `read(Row&) -> T`.
template <typename T, typename F, typename... A>
Result<std::vector<T>> query(Connection& db, const std::string& sql, F read, const A&... args) {
    SPMIS_ASSIGN_OR_RETURN(Statement * st, db.prepare(sql));
    st->bind(args...);
    std::vector<T> out;
    while (true) {
        SPMIS_ASSIGN_OR_RETURN(bool has_row, st->step());
        if (!has_row) break;
        Row row(*st);
        out.push_back(read(row));
        if (!row.status().ok()) {
            sqlite3_reset(st->raw());
            return row.status();
        }
    }
    return out;
}

// The single row of a query, nullopt when there is none.
template <typename T, typename F, typename... A>
Result<std::optional<T>> query_one(Connection& db, const std::string& sql, F read, const A&... args) {
    SPMIS_ASSIGN_OR_RETURN(auto rows, query<T>(db, sql, read, args...));
    if (rows.empty()) return std::optional<T>{};
    return std::optional<T>(std::move(rows.front()));
}

// The integer a one-value query answers (COUNT, SUM, a pragma), `fallback` when it gives no row.
template <typename... A>
Result<std::int64_t> query_int(Connection& db, const std::string& sql, std::int64_t fallback,
                               const A&... args) {
    SPMIS_ASSIGN_OR_RETURN(auto v, query_one<std::int64_t>(
                                       db, sql, [](Row& r) { return r.i64(); }, args...));
    return v.value_or(fallback);
}

}  // namespace spmis::sqlite

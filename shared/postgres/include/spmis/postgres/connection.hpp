#pragma once
// One PostgreSQL connection (libpq): cached server-side prepared statements, nested transactions
// (savepoints inside) that roll back whatever leaves their body, and the query helpers a store uses,
// with the same names and meaning as spmis::sqlite's. SQL is written with SQLite's `?` and `?N`
// placeholders, which prepare() turns into `$N`, so portable SQL text runs unchanged on both.

#include <libpq-fe.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

#include "spmis/base/kill_switch.hpp"
#include "spmis/postgres/statement.hpp"

namespace spmis::postgres {

struct Options {
    // A libpq connection URI ("postgresql://user@host:port/db?host=/socket/dir") or key=value string.
    std::string url;
    int connect_timeout_s = 10;
    std::string application_name = "spmis";
    // Tests only (may be null, must outlive the connection): sees every commit and every statement
    // executed inside a transaction.
    KillSwitch* kill_switch = nullptr;
};

// The URL with any password replaced by "***", for messages and logs.
std::string redacted(const std::string& url);

class Connection {
public:
    // Connects; kStorage naming the (redacted) address and the server's reason when it cannot.
    static Result<std::unique_ptr<Connection>> open(const Options& options);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    // Runs SQL text without parameters or results (schema); several statements allowed.
    Status exec(const std::string& sql);
    // The cached prepared statement for this SQL text (prepared on the server on first use).
    Result<Statement*> prepare(const std::string& sql);
    // Commits `body`'s writes atomically; nested calls use savepoints. Whatever leaves the body (an
    // error or an exception) rolls back its writes and leaves the connection as it was.
    Status transaction(const std::function<Status()>& body);
    bool in_transaction() const { return depth_ > 0; }
    // Whether the connection is up and idle outside a transaction, fit to go back to a pool.
    bool reusable() const;
    void watch_commits(KillSwitch* kill_switch) { kill_switch_ = kill_switch; }
    Status after_commit() const { return kill_switch_ != nullptr ? kill_switch_->after_commit() : Status{}; }
    Status step_fault() {
        return kill_switch_ != nullptr && depth_ > 0 ? kill_switch_->before_step() : Status{};
    }
    PGconn* raw() { return conn_; }

protected:
    // For a class that extends the connection: construct, then connect().
    Connection() = default;
    Status connect(const Options& options);

private:
    Status commit();

    PGconn* conn_ = nullptr;
    int depth_ = 0;
    int prepared_ = 0;  // statements prepared so far: the next one's name is "s<prepared_>"
    KillSwitch* kill_switch_ = nullptr;
    std::unordered_map<std::string, std::unique_ptr<Statement>> statements_;
};

template <typename... A>
Status run(Connection& db, const std::string& sql, const A&... args) {
    SPMIS_ASSIGN_OR_RETURN(Statement * st, db.prepare(sql));
    return st->bind(args...).run();
}

template <typename... A>
Result<std::int64_t> run_counted(Connection& db, const std::string& sql, const A&... args) {
    SPMIS_ASSIGN_OR_RETURN(Statement * st, db.prepare(sql));
    SPMIS_RETURN_IF_ERROR(st->bind(args...).run());
    return st->changes();
}

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
        if (!row.status().ok()) return row.status();
    }
    return out;
}

template <typename T, typename F, typename... A>
Result<std::optional<T>> query_one(Connection& db, const std::string& sql, F read, const A&... args) {
    SPMIS_ASSIGN_OR_RETURN(auto rows, query<T>(db, sql, read, args...));
    if (rows.empty()) return std::optional<T>{};
    return std::optional<T>(std::move(rows.front()));
}

template <typename... A>
Result<std::int64_t> query_int(Connection& db, const std::string& sql, std::int64_t fallback,
                               const A&... args) {
    SPMIS_ASSIGN_OR_RETURN(
        auto v, query_one<std::int64_t>(
                    db, sql, [](Row& r) { return r.is_null() ? (r.skip(), 0) : r.i64(); }, args...));
    return v.value_or(fallback);
}

}  // namespace spmis::postgres

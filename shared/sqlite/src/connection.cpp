#include "spmis/sqlite/connection.hpp"

#include <algorithm>
#include <cassert>
#include <exception>
#include <mutex>

namespace spmis::sqlite {
namespace {

// Before the first connection: no allocation statistics, which nothing here reads and which cost a
// global mutex on every SQLite allocation. Refused (harmlessly) if SQLite was already initialised.
void configure_library_once() {
    static std::once_flag once;
    std::call_once(once, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

// The body's status; an exception leaving it becomes a kInternal error so the caller still rolls
// back and restores the depth (a transaction left open locks the file for every other connection).
Status run_body(const std::function<Status()>& body) {
    try {
        return body();
    } catch (const std::exception& e) {
        return make_error(ErrorCode::kInternal, std::string("exception inside a transaction: ") + e.what());
    } catch (...) {
        return make_error(ErrorCode::kInternal, "unknown exception inside a transaction");
    }
}

}  // namespace

Result<std::unique_ptr<Connection>> Connection::open(const std::string& path, const Options& options) {
    std::unique_ptr<Connection> db(new Connection());
    SPMIS_RETURN_IF_ERROR(db->open_file(path, options));
    return db;
}

Status Connection::open_file(const std::string& path, const Options& options) {
    configure_library_once();
    // The handle is kept even when opening failed: the destructor closes it on every path.
    const int rc = sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    if (rc != SQLITE_OK) {
        return make_error(ErrorCode::kStorage,
                          "cannot open database '" + path +
                              "': " + (db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc)));
    }
    sqlite3_busy_timeout(db_, options.busy_timeout_ms);
    if (options.kill_switch != nullptr) watch_commits(options.kill_switch);
    std::string pragmas = "PRAGMA journal_mode=WAL; PRAGMA temp_store=MEMORY;";
    pragmas += options.synchronous_full ? "PRAGMA synchronous=FULL;" : "PRAGMA synchronous=NORMAL;";
    if (options.foreign_keys) pragmas += "PRAGMA foreign_keys=ON;";
    if (options.cache_kib > 0) pragmas += "PRAGMA cache_size=-" + std::to_string(options.cache_kib) + ";";
    return exec(pragmas);
}

Connection::~Connection() {
    statements_.clear();
    sqlite3_close_v2(db_);
}

void Connection::watch_commits(KillSwitch* kill_switch) {
    kill_switch_ = kill_switch;
    if (kill_switch == nullptr) {
        sqlite3_commit_hook(db_, nullptr, nullptr);  // unwatched: no hook to call with a null switch
        return;
    }
    // A non-zero answer turns the commit into a rollback: the simulated crash before COMMIT.
    sqlite3_commit_hook(
        db_, [](void* ks) { return static_cast<KillSwitch*>(ks)->allow_commit() ? 0 : 1; }, kill_switch);
}

Status Connection::define_function(const char* name, int args, bool deterministic,
                                   void (*fn)(sqlite3_context*, int, sqlite3_value**)) {
    const int flags = SQLITE_UTF8 | (deterministic ? SQLITE_DETERMINISTIC : 0);
    if (sqlite3_create_function_v2(db_, name, args, flags, nullptr, fn, nullptr, nullptr, nullptr) !=
        SQLITE_OK) {
        return make_error(ErrorCode::kStorage,
                          std::string("cannot register ") + name + ": " + sqlite3_errmsg(db_));
    }
    return {};
}

Status Connection::exec(const std::string& sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
        std::string msg = err != nullptr ? err : sqlite3_errmsg(db_);
        sqlite3_free(err);
        return make_error(ErrorCode::kStorage, "sqlite: " + msg);
    }
    return {};
}

Result<Statement*> Connection::prepare(const std::string& sql) {
    auto it = statements_.find(sql);
    if (it != statements_.end()) return it->second.get();
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt,
                           nullptr) != SQLITE_OK) {
        return make_error(ErrorCode::kStorage, std::string("sqlite prepare: ") + sqlite3_errmsg(db_));
    }
    auto owned = std::make_unique<Statement>(*this, stmt);
    Statement* out = owned.get();
    statements_.emplace(sql, std::move(owned));
    return out;
}

std::vector<sqlite3_stmt*> Connection::running_statements() const {
    std::vector<sqlite3_stmt*> running;
    for (sqlite3_stmt* st = sqlite3_next_stmt(db_, nullptr); st != nullptr; st = sqlite3_next_stmt(db_, st)) {
        if (sqlite3_stmt_busy(st) != 0) running.push_back(st);
    }
    return running;
}

void Connection::reset_left_running(const std::vector<sqlite3_stmt*>& running_before) {
    for (sqlite3_stmt* st : running_statements()) {
        if (std::find(running_before.begin(), running_before.end(), st) == running_before.end())
            sqlite3_reset(st);
    }
}

Status Connection::transaction(const std::function<Status()>& body) {
    const std::string savepoint = "sp" + std::to_string(depth_);
    // Savepoints run as cached statements: the server's push path opens one per operation.
    SPMIS_RETURN_IF_ERROR(depth_ == 0 ? exec("BEGIN IMMEDIATE") : run(*this, "SAVEPOINT " + savepoint));
    // Queries a caller is iterating around this transaction (usually none), left as they are below.
    const std::vector<sqlite3_stmt*> running_before =
        depth_ == 0 ? running_statements() : std::vector<sqlite3_stmt*>{};
    if (depth_ == 0) changes_at_begin_ = sqlite3_total_changes64(db_);
    ++depth_;
    Status s = run_body(body);
    --depth_;
    assert(depth_ >= 0);
    // A query the body left between two rows (an exception thrown while it read them) would keep its
    // read snapshot past the transaction's end: once another connection commits, every later write
    // transaction here fails "database is locked". Nothing of the body runs once the outermost
    // transaction ends, so what it left running is reset there.
    if (depth_ == 0) reset_left_running(running_before);
    if (s.ok()) {
        s = depth_ == 0 ? exec("COMMIT") : run(*this, "RELEASE " + savepoint);
        if (s.ok()) return depth_ == 0 ? after_commit() : s;
    }
    // A failed COMMIT (the kill switch's rollback, a full disk) may have ended the transaction
    // already; rolling back what is not open is harmless. The body's error is the one reported.
    if (depth_ == 0) {
        if (sqlite3_get_autocommit(db_) == 0) (void)exec("ROLLBACK");
    } else {
        (void)exec("ROLLBACK TO " + savepoint + "; RELEASE " + savepoint);
    }
    return s;
}

}  // namespace spmis::sqlite

#include "sqlite_db.hpp"

#include <sqlite3.h>

#include "spmis/sync/field_tuning.hpp"

namespace spmis::sync::device {
namespace {

// Finalizes a statement on every path.
struct StmtGuard {
    sqlite3_stmt* stmt = nullptr;
    ~StmtGuard() { sqlite3_finalize(stmt); }
};

int bind_all(sqlite3_stmt* stmt, std::initializer_list<Value> args) {
    int i = 1;
    for (const auto& v : args) {
        int rc = SQLITE_OK;
        if (std::holds_alternative<std::int64_t>(v)) {
            rc = sqlite3_bind_int64(stmt, i, std::get<std::int64_t>(v));
        } else if (std::holds_alternative<std::string>(v)) {
            const auto& s = std::get<std::string>(v);
            rc = sqlite3_bind_text(stmt, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
        } else {
            rc = sqlite3_bind_null(stmt, i);
        }
        if (rc != SQLITE_OK) return rc;
        ++i;
    }
    return SQLITE_OK;
}

Value column(sqlite3_stmt* stmt, int col) {
    switch (sqlite3_column_type(stmt, col)) {
        case SQLITE_NULL: return nullptr;
        case SQLITE_INTEGER: return static_cast<std::int64_t>(sqlite3_column_int64(stmt, col));
        default: {
            const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, col));
            return std::string(text ? text : "", static_cast<std::size_t>(sqlite3_column_bytes(stmt, col)));
        }
    }
}

}  // namespace

std::int64_t as_int(const Value& v) {
    return std::holds_alternative<std::int64_t>(v) ? std::get<std::int64_t>(v) : 0;
}
std::string as_text(const Value& v) {
    return std::holds_alternative<std::string>(v) ? std::get<std::string>(v) : std::string();
}
bool is_null(const Value& v) { return std::holds_alternative<std::nullptr_t>(v); }

Result<std::unique_ptr<Db>> Db::open(const std::string& path) {
    sqlite3* raw = nullptr;
    int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    if (rc != SQLITE_OK) {
        std::string msg = raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
        sqlite3_close(raw);
        return make_error(ErrorCode::kStorage, "cannot open " + path + ": " + msg);
    }
    sqlite3_busy_timeout(raw, tuning::kFieldSqliteBusyTimeoutMs);
    return std::unique_ptr<Db>(new Db(raw));
}

Db::~Db() { sqlite3_close(db_); }

void Db::watch_commits(KillSwitch* kill_switch) {
    kill_switch_ = kill_switch;
    // A non-zero answer turns the commit into a rollback: the simulated crash before COMMIT.
    sqlite3_commit_hook(
        db_, [](void* ks) { return static_cast<KillSwitch*>(ks)->allow_commit() ? 0 : 1; }, kill_switch);
}

Status Db::error(const std::string& what) const {
    return make_error(ErrorCode::kStorage, what + ": " + sqlite3_errmsg(db_));
}

Status Db::exec(const std::string& sql) {
    char* msg = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &msg) != SQLITE_OK) {
        std::string text = msg ? msg : "unknown error";
        sqlite3_free(msg);
        return make_error(ErrorCode::kStorage, "sqlite: " + text);
    }
    return {};
}

Result<std::int64_t> Db::run(const std::string& sql, std::initializer_list<Value> args) {
    StmtGuard g;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &g.stmt, nullptr) != SQLITE_OK) return error("prepare");
    if (bind_all(g.stmt, args) != SQLITE_OK) return error("bind");
    int rc = sqlite3_step(g.stmt);
    while (rc == SQLITE_ROW) rc = sqlite3_step(g.stmt);
    if (rc != SQLITE_DONE) return error("step");
    // Outside a transaction this statement was its own commit.
    if (sqlite3_get_autocommit(db_) != 0 && sqlite3_stmt_readonly(g.stmt) == 0)
        SPMIS_RETURN_IF_ERROR(after_commit());
    return static_cast<std::int64_t>(sqlite3_changes(db_));
}

Result<std::vector<Row>> Db::query(const std::string& sql, std::initializer_list<Value> args) {
    StmtGuard g;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &g.stmt, nullptr) != SQLITE_OK) return error("prepare");
    if (bind_all(g.stmt, args) != SQLITE_OK) return error("bind");
    std::vector<Row> rows;
    int cols = sqlite3_column_count(g.stmt);
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(g.stmt)) == SQLITE_ROW) {
        Row row;
        row.reserve(static_cast<std::size_t>(cols));
        for (int c = 0; c < cols; ++c) row.push_back(column(g.stmt, c));
        rows.push_back(std::move(row));
    }
    if (rc != SQLITE_DONE) return error("step");
    return rows;
}

Transaction::Transaction(Db& db) : db_(db), begun_(db.exec("BEGIN IMMEDIATE")) {}

Transaction::~Transaction() {
    if (!done_ && begun_.ok()) (void)db_.exec("ROLLBACK");
}

Status Transaction::commit() {
    SPMIS_RETURN_IF_ERROR(begun_);
    SPMIS_RETURN_IF_ERROR(db_.exec("COMMIT"));
    done_ = true;
    return db_.after_commit();
}

}  // namespace spmis::sync::device

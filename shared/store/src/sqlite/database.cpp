#include "sqlite/database.hpp"

#include <cassert>
#include <exception>
#include <mutex>

#include "spmis/base/text.hpp"
#include "spmis/base/text_fold.hpp"
#include "spmis/store/tuning.hpp"

namespace spmis::store::sqlite {
namespace {

// spmis_uuid7(): a new v7 id as a 16-byte blob, so set-based writes mint one id per row in SQL.
void uuid7_function(sqlite3_context* ctx, int /*argc*/, sqlite3_value** /*argv*/) {
    const Uuid id = new_uuid_v7();
    sqlite3_result_blob(ctx, id.bytes().data(), 16, SQLITE_TRANSIENT);
}

// spmis_text_problem(text): NULL for clean one-line text, else what is wrong with it (invalid UTF-8,
// NUL, control or direction characters; spmis/base/text.hpp), so a migration can report old rows.
void text_problem_function(sqlite3_context* ctx, int /*argc*/, sqlite3_value** argv) {
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(ctx);
    const auto* bytes = static_cast<const char*>(sqlite3_value_blob(argv[0]));
    const std::string_view text(bytes != nullptr ? bytes : "",
                                static_cast<std::size_t>(sqlite3_value_bytes(argv[0])));
    const TextProblem p = find_text_problem(text, TextKind::kLine);
    if (p.ok()) return sqlite3_result_null(ctx);
    const std::string reason = p.reason + " at byte " + std::to_string(p.offset);
    sqlite3_result_text(ctx, reason.c_str(), static_cast<int>(reason.size()), SQLITE_TRANSIENT);
}

// spmis_fold(text): the name as search folds it (spmis/base/text_fold.hpp), so a migration folds old
// rows exactly as the write path folds new ones.
void fold_function(sqlite3_context* ctx, int /*argc*/, sqlite3_value** argv) {
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(ctx);
    const auto* bytes = static_cast<const char*>(sqlite3_value_blob(argv[0]));
    const std::string folded = fold_for_search(std::string_view(
        bytes != nullptr ? bytes : "", static_cast<std::size_t>(sqlite3_value_bytes(argv[0]))));
    sqlite3_result_text(ctx, folded.c_str(), static_cast<int>(folded.size()), SQLITE_TRANSIENT);
}

// Before the first connection: no allocation statistics, which nothing here reads and which cost a
// global mutex on every SQLite allocation. Refused (harmlessly) if SQLite was already initialised.
void configure_library_once() {
    static std::once_flag once;
    std::call_once(once, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

}  // namespace

Database::~Database() {
    statements_.clear();
    sqlite3_close_v2(db_);
}

Result<std::unique_ptr<Database>> Database::open(const std::string& path, Clock& clock,
                                                 KillSwitch* kill_switch) {
    configure_library_once();
    sqlite3* raw = nullptr;
    int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    auto db = std::make_unique<Database>(raw, clock);
    if (rc != SQLITE_OK) {
        return make_error(ErrorCode::kStorage, "cannot open database '" + path + "': " + sqlite3_errmsg(raw));
    }
    sqlite3_busy_timeout(raw, tuning::kSqliteBusyTimeoutMs);
    // Not SQLITE_DETERMINISTIC: every call must return a new id.
    if (sqlite3_create_function_v2(raw, "spmis_uuid7", 0, SQLITE_UTF8, nullptr, uuid7_function, nullptr,
                                   nullptr, nullptr) != SQLITE_OK) {
        return make_error(ErrorCode::kStorage,
                          std::string("cannot register spmis_uuid7: ") + sqlite3_errmsg(raw));
    }
    if (sqlite3_create_function_v2(raw, "spmis_text_problem", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr,
                                   text_problem_function, nullptr, nullptr, nullptr) != SQLITE_OK) {
        return make_error(ErrorCode::kStorage,
                          std::string("cannot register spmis_text_problem: ") + sqlite3_errmsg(raw));
    }
    if (sqlite3_create_function_v2(raw, "spmis_fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr,
                                   fold_function, nullptr, nullptr, nullptr) != SQLITE_OK) {
        return make_error(ErrorCode::kStorage,
                          std::string("cannot register spmis_fold: ") + sqlite3_errmsg(raw));
    }
    if (kill_switch != nullptr) {
        // A non-zero answer turns the commit into a rollback: the simulated crash before COMMIT.
        sqlite3_commit_hook(
            raw, [](void* ks) { return static_cast<KillSwitch*>(ks)->allow_commit() ? 0 : 1; }, kill_switch);
        db->kill_switch_ = kill_switch;
    }
    // WAL + NORMAL: readers never block the writer, and a commit costs no fsync of the main file.
    SPMIS_RETURN_IF_ERROR(
        db->exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
                 "PRAGMA temp_store=MEMORY; PRAGMA cache_size=-" +
                 std::to_string(tuning::kSqliteCacheSizeKib) + ";"));
    return db;
}

Status Database::exec(const std::string& sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
        std::string msg = err != nullptr ? err : sqlite3_errmsg(db_);
        sqlite3_free(err);
        return make_error(ErrorCode::kStorage, "sqlite: " + msg);
    }
    return {};
}

Result<Statement*> Database::prepare(const std::string& sql) {
    auto it = statements_.find(sql);
    if (it != statements_.end()) return it->second.get();
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt,
                           nullptr) != SQLITE_OK) {
        return make_error(ErrorCode::kStorage, std::string("sqlite prepare: ") + sqlite3_errmsg(db_));
    }
    auto owned = std::make_unique<Statement>(db_, stmt);
    Statement* out = owned.get();
    statements_.emplace(sql, std::move(owned));
    return out;
}

namespace {

// The body's status; an exception leaving it becomes a kInternal error so the caller below still
// rolls back and restores the depth (a transaction left open locks the database for everyone).
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

Status Database::transaction(const std::function<Status()>& body) {
    const std::string savepoint = "sp" + std::to_string(depth_);
    // Savepoints run as cached statements: the push path opens one per operation.
    SPMIS_RETURN_IF_ERROR(depth_ == 0 ? exec("BEGIN IMMEDIATE") : run(*this, "SAVEPOINT " + savepoint));
    if (depth_ == 0) changes_at_begin_ = sqlite3_total_changes64(db_);
    ++depth_;
    Status s = run_body(body);
    --depth_;
    assert(depth_ >= 0);
    if (s.ok()) {
        s = depth_ == 0 ? exec("COMMIT") : run(*this, "RELEASE " + savepoint);
        if (s.ok()) return depth_ == 0 && kill_switch_ != nullptr ? kill_switch_->after_commit() : s;
    }
    Status rollback = exec(depth_ == 0 ? "ROLLBACK" : "ROLLBACK TO " + savepoint + "; RELEASE " + savepoint);
    (void)rollback;  // the body's error is the one worth reporting
    return s;
}

Status Database::append_audit(const model::AuditEvent& e) {
    return run(
        *this,
        "INSERT INTO audit_events (id, actor, record_kind, record_id, action, before, after, reason, at)"
        " VALUES (?,?,?,?,?,?,?,?,?)",
        e.id, e.actor, e.record_kind, e.record_id, e.action, e.before, e.after, e.reason, e.at);
}

model::AuditEvent Database::audit_event(std::string actor, std::string kind, const Uuid& id,
                                        std::string action, std::string before, std::string after,
                                        std::string reason) const {
    return model::AuditEvent{new_uuid_v7(),     std::move(actor), std::move(kind),   id,   std::move(action),
                             std::move(before), std::move(after), std::move(reason), now()};
}

}  // namespace spmis::store::sqlite

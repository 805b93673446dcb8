// Staff accounts in SQLite. All of this SQL lives in this one file; the lead moves it into
// shared/store later. Strings are always bound as parameters, never spliced into SQL.

#include <sqlite3.h>

#include <utility>

#include "spmis/auth/account_store.hpp"
#include "spmis/base/tuning.hpp"

namespace spmis::auth {
namespace {

constexpr const char* kSchema =
    "CREATE TABLE IF NOT EXISTS server_accounts ("
    " username TEXT PRIMARY KEY NOT NULL,"
    " password_hash TEXT NOT NULL,"
    " role TEXT NOT NULL,"
    " active INTEGER NOT NULL DEFAULT 1,"
    " created_at_us INTEGER NOT NULL)";

class Statement {
public:
    Statement(sqlite3* db, const char* sql) { rc_ = sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr); }
    ~Statement() { sqlite3_finalize(stmt_); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    bool ok() const { return rc_ == SQLITE_OK; }
    sqlite3_stmt* get() const { return stmt_; }
    void bind(int i, const std::string& text) {
        sqlite3_bind_text(stmt_, i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    }
    std::string text(int col) const {
        const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
        return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col))) : std::string();
    }

private:
    sqlite3_stmt* stmt_ = nullptr;
    int rc_ = SQLITE_ERROR;
};

class SqliteAccountStore final : public AccountStore {
public:
    explicit SqliteAccountStore(sqlite3* db) : db_(db) {}
    ~SqliteAccountStore() override { sqlite3_close(db_); }
    SqliteAccountStore(const SqliteAccountStore&) = delete;
    SqliteAccountStore& operator=(const SqliteAccountStore&) = delete;

    Result<std::optional<Account>> find(const std::string& username) override {
        std::lock_guard<std::mutex> lock(mutex_);
        Statement st(db_,
                     "SELECT username, password_hash, role, active, created_at_us FROM server_accounts "
                     "WHERE username = ?1");
        if (!st.ok()) return error("prepare");
        st.bind(1, username);
        const int rc = sqlite3_step(st.get());
        if (rc == SQLITE_DONE) return std::optional<Account>();
        if (rc != SQLITE_ROW) return error("find account");
        return std::optional<Account>(row(st));
    }

    Status add(const Account& account) override {
        std::lock_guard<std::mutex> lock(mutex_);
        Statement st(db_,
                     "INSERT INTO server_accounts (username, password_hash, role, active, created_at_us) "
                     "VALUES (?1, ?2, ?3, ?4, ?5)");
        if (!st.ok()) return error("prepare");
        st.bind(1, account.username);
        st.bind(2, account.password_hash);
        st.bind(3, std::string(role_name(account.role)));
        sqlite3_bind_int(st.get(), 4, account.active ? 1 : 0);
        sqlite3_bind_int64(st.get(), 5, to_unix_micros(account.created_at));
        const int rc = sqlite3_step(st.get());
        if (rc == SQLITE_CONSTRAINT) return make_error(ErrorCode::kAlreadyExists, "username already exists");
        if (rc != SQLITE_DONE) return error("add account");
        return {};
    }

    Result<std::vector<Account>> list() override {
        std::lock_guard<std::mutex> lock(mutex_);
        Statement st(db_,
                     "SELECT username, password_hash, role, active, created_at_us FROM server_accounts "
                     "ORDER BY username");
        if (!st.ok()) return error("prepare");
        std::vector<Account> out;
        int rc = 0;
        while ((rc = sqlite3_step(st.get())) == SQLITE_ROW) out.push_back(row(st));
        if (rc != SQLITE_DONE) return error("list accounts");
        return out;
    }

private:
    static Account row(const Statement& st) {
        Account a;
        a.username = st.text(0);
        a.password_hash = st.text(1);
        // An unknown role name (a newer version wrote it) grants nothing: the weakest role.
        a.role = parse_role(st.text(2)).value_or(Role::kFieldOfficer);
        a.active = sqlite3_column_int(st.get(), 3) != 0;
        a.created_at = from_unix_micros(sqlite3_column_int64(st.get(), 4));
        return a;
    }
    Status error(const std::string& what) const {
        return make_error(ErrorCode::kStorage, what + ": " + sqlite3_errmsg(db_));
    }

    std::mutex mutex_;
    sqlite3* db_;
};

}  // namespace

Result<std::unique_ptr<AccountStore>> open_sqlite_account_store(const std::string& db_path) {
    sqlite3* db = nullptr;
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX;
    if (sqlite3_open_v2(db_path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
        std::string reason = db ? sqlite3_errmsg(db) : "out of memory";
        sqlite3_close(db);
        return make_error(ErrorCode::kStorage, "cannot open " + db_path + ": " + reason);
    }
    sqlite3_busy_timeout(db, tuning::kSqliteBusyTimeoutMs);
    char* err = nullptr;
    if (sqlite3_exec(db, "PRAGMA journal_mode=WAL", nullptr, nullptr, nullptr) != SQLITE_OK ||
        sqlite3_exec(db, kSchema, nullptr, nullptr, &err) != SQLITE_OK) {
        std::string reason = err ? err : sqlite3_errmsg(db);
        sqlite3_free(err);
        sqlite3_close(db);
        return make_error(ErrorCode::kStorage, "cannot prepare " + db_path + ": " + reason);
    }
    return std::unique_ptr<AccountStore>(std::make_unique<SqliteAccountStore>(db));
}

}  // namespace spmis::auth

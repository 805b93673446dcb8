#include "spmis/sqlite/statement.hpp"

#include <array>
#include <cstring>

#include "spmis/sqlite/connection.hpp"

namespace spmis::sqlite {
namespace {

Status step_error(sqlite3* db, int rc) {
    std::string msg = sqlite3_errmsg(db);
    if (rc == SQLITE_CONSTRAINT) {
        const int ext = sqlite3_extended_errcode(db);
        if (ext == SQLITE_CONSTRAINT_UNIQUE || ext == SQLITE_CONSTRAINT_PRIMARYKEY) {
            return make_error(ErrorCode::kAlreadyExists, msg);
        }
        if (ext == SQLITE_CONSTRAINT_FOREIGNKEY) {
            return make_error(ErrorCode::kNotFound, "a referenced record does not exist (" + msg + ")");
        }
        return make_error(ErrorCode::kInvalidArgument, msg);
    }
    return make_error(ErrorCode::kStorage, "sqlite: " + msg);
}

}  // namespace

Result<bool> Statement::step() {
    // Tests only: a fault a KillSwitch injects here fails the step before it runs, as a failed step
    // would (reset, ready for its next use), or throws.
    if (Status injected = connection_.step_fault(); !injected.ok()) {
        sqlite3_reset(stmt_);
        return injected;
    }
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    Status s = step_error(connection_.raw(), rc);
    sqlite3_reset(stmt_);
    return s;
}

Status Statement::run() {
    auto r = step();
    while (r.ok() && *r) r = step();
    sqlite3_reset(stmt_);
    if (!r.ok()) return r.status();
    // Outside a transaction this write was its own commit.
    if (sqlite3_get_autocommit(connection_.raw()) != 0 && sqlite3_stmt_readonly(stmt_) == 0)
        return connection_.after_commit();
    return {};
}

std::int64_t Statement::changes() const { return sqlite3_changes64(connection_.raw()); }

std::string Row::text() {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col_));
    const int n = sqlite3_column_bytes(stmt_, col_);
    ++col_;
    return p == nullptr ? std::string() : std::string(p, static_cast<std::size_t>(n));
}

std::string Row::bytes() {
    const auto* p = static_cast<const char*>(sqlite3_column_blob(stmt_, col_));
    const int n = sqlite3_column_bytes(stmt_, col_);
    ++col_;
    return p == nullptr ? std::string() : std::string(p, static_cast<std::size_t>(n));
}

Uuid Row::uuid() {
    std::array<std::uint8_t, 16> bytes{};
    const void* p = sqlite3_column_blob(stmt_, col_);
    const int n = sqlite3_column_bytes(stmt_, col_);
    ++col_;
    if (p == nullptr || n != 16) {
        note(make_error(ErrorCode::kCorrupt, "id is not 16 bytes"));
        return Uuid{};
    }
    std::memcpy(bytes.data(), p, 16);
    return Uuid(bytes);
}

Date Row::date() {
    auto d = parse_date(text());
    if (!d.ok()) {
        note(d.status());
        return Date{};
    }
    return *d;
}

Money Row::money() {
    Money m;
    m.minor_units = i64();
    m.currency = text();
    return m;
}

}  // namespace spmis::sqlite

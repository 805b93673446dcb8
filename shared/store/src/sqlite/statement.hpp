#pragma once
// A prepared SQLite statement with typed binding and sequential column reading. Internal.

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "spmis/base/money.hpp"
#include "spmis/base/time.hpp"
#include "spmis/base/uuid.hpp"
#include "spmis/model/enum_names.hpp"

namespace spmis::store::sqlite {

// Owns one sqlite3_stmt. bind() resets and binds every parameter from 1; step()/run() execute.
class Statement {
public:
    Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
    ~Statement() { sqlite3_finalize(stmt_); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    // Resets the statement and binds `args` to parameters 1..n.
    template <typename... A>
    Statement& bind(const A&... args) {
        sqlite3_reset(stmt_);
        sqlite3_clear_bindings(stmt_);
        int i = 1;
        (bind_one(i++, args), ...);
        return *this;
    }
    // Advances to the next row: true when a row is available, false when done.
    Result<bool> step();
    // Steps to completion (for writes); maps constraint failures to kAlreadyExists / kNotFound.
    Status run();
    // Column reader for the current row.
    sqlite3_stmt* raw() { return stmt_; }

private:
    void bind_one(int i, std::int64_t v) { sqlite3_bind_int64(stmt_, i, v); }
    void bind_one(int i, int v) { sqlite3_bind_int64(stmt_, i, v); }
    void bind_one(int i, bool v) { sqlite3_bind_int64(stmt_, i, v ? 1 : 0); }
    void bind_one(int i, double v) { sqlite3_bind_double(stmt_, i, v); }
    void bind_one(int i, std::string_view v) {
        sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    }
    void bind_one(int i, const std::string& v) { bind_one(i, std::string_view(v)); }
    void bind_one(int i, const char* v) { bind_one(i, std::string_view(v)); }
    void bind_one(int i, const Uuid& v) {
        sqlite3_bind_blob(stmt_, i, v.bytes().data(), 16, SQLITE_TRANSIENT);
    }
    void bind_one(int i, Date v) { bind_one(i, format_date(v)); }
    void bind_one(int i, UtcTime v) { bind_one(i, to_unix_micros(v)); }
    void bind_one(int i, std::nullopt_t) { sqlite3_bind_null(stmt_, i); }
    template <typename E>
    requires std::is_enum_v<E>
    void bind_one(int i, E v) { bind_one(i, model::to_string(v)); }
    template <typename T>
    void bind_one(int i, const std::optional<T>& v) {
        if (v) {
            bind_one(i, *v);
        } else {
            sqlite3_bind_null(stmt_, i);
        }
    }

    sqlite3* db_;
    sqlite3_stmt* stmt_;
};

// Reads the columns of the current row left to right. Parse failures are remembered and reported
// once by status() (a corrupt value never crashes).
class Row {
public:
    explicit Row(Statement& s) : stmt_(s.raw()) {}

    bool is_null() const { return sqlite3_column_type(stmt_, col_) == SQLITE_NULL; }
    std::int64_t i64() { return sqlite3_column_int64(stmt_, col_++); }
    int i32() { return static_cast<int>(i64()); }
    bool boolean() { return i64() != 0; }
    double f64() { return sqlite3_column_double(stmt_, col_++); }
    std::string text();
    Uuid uuid();
    Date date();
    UtcTime time() { return from_unix_micros(i64()); }
    Money money();  // two columns: minor units, currency
    template <typename E>
    E enumeration() {
        auto r = model::parse_enum<E>(text());
        if (!r.ok()) {
            note(r.status());
            return E{};
        }
        return *r;
    }
    // Reads an optional column: nullopt when NULL (and skips it).
    template <typename T, typename F>
    std::optional<T> optional(F read) {
        if (is_null()) {
            ++col_;
            return std::nullopt;
        }
        return read(*this);
    }
    // kCorrupt when a stored value failed to parse.
    const Status& status() const { return status_; }

private:
    void note(const Status& s) {
        if (status_.ok())
            status_ = make_error(ErrorCode::kCorrupt, "stored value unreadable: " + s.message());
    }

    sqlite3_stmt* stmt_;
    int col_ = 0;
    Status status_;
};

}  // namespace spmis::store::sqlite

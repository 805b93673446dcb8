#pragma once
// A cached prepared statement with typed binding, and a reader for the columns of its current row.
// The one SQLite idiom of the project: the server store and the field store both use it.

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include "spmis/base/money.hpp"
#include "spmis/base/status.hpp"
#include "spmis/base/time.hpp"
#include "spmis/base/uuid.hpp"

namespace spmis::sqlite {

class Connection;

// Owns one sqlite3_stmt. bind() resets and binds every parameter from 1; step()/run() execute.
class Statement {
public:
    Statement(Connection& connection, sqlite3_stmt* stmt) : connection_(connection), stmt_(stmt) {}
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
    // Advances to the next row: true when a row is available, false when done. Throws only what a
    // test's KillSwitch injects.
    Result<bool> step();
    // Steps to completion (for writes); maps constraint failures to kAlreadyExists / kNotFound. A
    // write outside any transaction is its own commit and is reported as one (see KillSwitch).
    Status run();
    // Rows the last completed write changed.
    std::int64_t changes() const;
    sqlite3_stmt* raw() { return stmt_; }
    int column_count() const { return sqlite3_column_count(stmt_); }

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
    // Enumerations are stored as their names; `to_string` is found next to the enumeration.
    template <typename E>
    requires std::is_enum_v<E>
    void bind_one(int i, E v) { bind_one(i, to_string(v)); }
    template <typename T>
    void bind_one(int i, const std::optional<T>& v) {
        if (v) {
            bind_one(i, *v);
        } else {
            sqlite3_bind_null(stmt_, i);
        }
    }

    Connection& connection_;
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
    // The column's stored bytes (text and numbers as their text, blobs as they are).
    std::string bytes();
    Uuid uuid();
    Date date();
    UtcTime time() { return from_unix_micros(i64()); }
    Money money();  // two columns: minor units, currency
    // A text column parsed by `parse(std::string_view) -> Result<T>`; T{} and a noted error when it
    // does not parse.
    template <typename T, typename Parse>
    T parsed(Parse parse) {
        auto r = parse(text());
        if (!r.ok()) {
            note(r.status());
            return T{};
        }
        return *std::move(r);
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
    // Skips one column.
    void skip() { ++col_; }
    // kCorrupt when a stored value failed to parse.
    const Status& status() const { return status_; }
    // Records a value that failed to parse (the first one is reported).
    void note(const Status& s) {
        if (status_.ok())
            status_ = make_error(ErrorCode::kCorrupt, "stored value unreadable: " + s.message());
    }

private:
    sqlite3_stmt* stmt_;
    int col_ = 0;
    Status status_;
};

}  // namespace spmis::sqlite

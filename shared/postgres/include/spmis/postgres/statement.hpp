#pragma once
// A cached server-side prepared statement with typed binding, and a reader for the columns of its
// current row: the same calls as spmis::sqlite's Statement and Row, so repository code reads alike.
// Values travel as text both ways (libpq's text format): ids as canonical UUID text, times as Unix
// microseconds, dates as YYYY-MM-DD, enumerations as their names, booleans as 1/0.

#include <libpq-fe.h>

#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "spmis/base/money.hpp"
#include "spmis/base/status.hpp"
#include "spmis/base/time.hpp"
#include "spmis/base/uuid.hpp"

namespace spmis::postgres {

class Connection;
class Row;

// PostgreSQL type ids of parameters, from the C++ value: text for strings, dates and enumerations
// (the schema keeps them in text columns), so `?1 IS NULL OR kind = ?1` types even when it is null.
// 0 lets the server infer the type from the SQL: booleans (which may fill a boolean or an integer
// column) and a bare std::nullopt.
template <typename T>
constexpr Oid parameter_type() {
    if constexpr (std::is_same_v<T, std::int64_t> || std::is_same_v<T, int> || std::is_same_v<T, UtcTime>) {
        return 20;  // int8
    } else if constexpr (std::is_same_v<T, double>) {
        return 701;  // float8
    } else if constexpr (std::is_same_v<T, Uuid>) {
        return 2950;  // uuid
    } else if constexpr (std::is_same_v<T, std::string> || std::is_same_v<T, std::string_view> ||
                         std::is_same_v<T, Date> || std::is_enum_v<T>) {
        return 25;  // text
    } else {
        return 0;
    }
}

// One statement, prepared on the server under `name` when it first runs: with the types of the
// values bound then, so that `?1 IS NULL` or `SELECT ?1` in an INSERT ... SELECT know their type as
// SQLite's dynamic typing does. bind() sets parameters $1..$n; the first step() executes it and
// later ones walk its rows; run() executes a write.
class Statement {
public:
    Statement(Connection& connection, std::string name, std::string sql)
        : connection_(connection), name_(std::move(name)), sql_(std::move(sql)) {}
    ~Statement() { clear(); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    // Forgets the last result and binds `args` to parameters $1..$n.
    template <typename... A>
    Statement& bind(const A&... args) {
        clear();
        params_.clear();
        types_.clear();
        (bind_one(args), ...);
        return *this;
    }
    // Executes on the first call; then true while a row is available, false when done.
    Result<bool> step();
    // Executes a write to completion; constraint failures map to kAlreadyExists / kNotFound.
    Status run();
    // Rows the last completed write changed.
    std::int64_t changes() const { return changes_; }
    // Columns of the current result.
    int column_count() const { return result_ != nullptr ? PQnfields(result_) : 0; }

private:
    friend class Row;
    void clear();
    Status execute();
    Status prepare_on_server();

    void bind_text(std::string v, Oid type = 0) {
        params_.emplace_back(std::move(v));
        types_.push_back(type);
    }
    void bind_null(Oid type) {
        params_.emplace_back(std::nullopt);
        types_.push_back(type);
    }
    void bind_one(std::int64_t v) { bind_text(std::to_string(v), parameter_type<std::int64_t>()); }
    void bind_one(int v) { bind_text(std::to_string(v), parameter_type<int>()); }
    // 1/0 reads as a boolean and as an integer, whichever the column is.
    void bind_one(bool v) { bind_text(v ? "1" : "0"); }
    void bind_one(double v);
    void bind_one(std::string_view v) { bind_text(std::string(v), parameter_type<std::string>()); }
    void bind_one(const std::string& v) { bind_text(v, parameter_type<std::string>()); }
    void bind_one(const char* v) { bind_text(v, parameter_type<std::string>()); }
    void bind_one(const Uuid& v) { bind_text(v.to_string(), parameter_type<Uuid>()); }
    void bind_one(Date v) { bind_text(format_date(v), parameter_type<Date>()); }
    void bind_one(UtcTime v) { bind_one(to_unix_micros(v)); }
    void bind_one(std::nullopt_t) { bind_null(0); }
    // Enumerations are stored as their names; `to_string` is found next to the enumeration.
    template <typename E>
    requires std::is_enum_v<E>
    void bind_one(E v) { bind_text(std::string(to_string(v)), parameter_type<E>()); }
    template <typename T>
    void bind_one(const std::optional<T>& v) {
        if (v) {
            bind_one(*v);
        } else {
            bind_null(parameter_type<T>());
        }
    }

    Connection& connection_;
    std::string name_;
    std::string sql_;  // with $N placeholders
    bool prepared_ = false;
    std::vector<std::optional<std::string>> params_;
    std::vector<Oid> types_;
    PGresult* result_ = nullptr;
    int row_ = -1;  // the current row of result_; -1 before the first step
    std::int64_t changes_ = 0;
};

// Reads the columns of the current row left to right. Parse failures are remembered and reported
// once by status() (a corrupt value never crashes). A NULL reads as SQLite's reader reads it: 0, false
// or empty text.
class Row {
public:
    explicit Row(Statement& s) : result_(s.result_), row_(s.row_) {}

    bool is_null() const { return PQgetisnull(result_, row_, col_) != 0; }
    std::int64_t i64();
    int i32() { return static_cast<int>(i64()); }
    // A boolean column ("t"/"f") or an integer one (non-zero is true).
    bool boolean();
    double f64();
    std::string text();
    std::string bytes() { return text(); }  // the column's text, as the server sends it
    Uuid uuid();
    Date date();
    UtcTime time() { return from_unix_micros(i64()); }
    Money money();  // two columns: minor units, currency
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
    void skip() { ++col_; }
    const Status& status() const { return status_; }
    void note(const Status& s) {
        if (status_.ok())
            status_ = make_error(ErrorCode::kCorrupt, "stored value unreadable: " + s.message());
    }

private:
    std::string_view raw();  // the next column's text, advancing

    const PGresult* result_;
    int row_;
    int col_ = 0;
    Status status_;
};

}  // namespace spmis::postgres

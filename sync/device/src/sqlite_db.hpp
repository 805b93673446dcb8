#pragma once
// A minimal SQLite adapter for the device store: statements with positional values, rows as
// vectors of values, and a scoped transaction. Errors become kStorage statuses.

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "spmis/base/kill_switch.hpp"
#include "spmis/base/status.hpp"

struct sqlite3;

namespace spmis::sync::device {

using Value = std::variant<std::nullptr_t, std::int64_t, std::string>;
using Row = std::vector<Value>;

// The integer in v, or 0 when it is null or text.
std::int64_t as_int(const Value& v);
// The text in v, or "" when it is null or an integer.
std::string as_text(const Value& v);
bool is_null(const Value& v);

// One open SQLite connection. Not thread-safe: one store per thread.
class Db {
public:
    static Result<std::unique_ptr<Db>> open(const std::string& path);
    ~Db();
    Db(const Db&) = delete;
    Db& operator=(const Db&) = delete;

    // Tests only: every commit from now on is reported to `kill_switch` (which outlives the Db).
    void watch_commits(KillSwitch* kill_switch);
    // The watching switch's verdict after a commit returned (ok when none watches).
    Status after_commit() const { return kill_switch_ ? kill_switch_->after_commit() : Status{}; }

    // Runs one or more statements without parameters.
    Status exec(const std::string& sql);
    // Runs one statement with positional parameters; the number of rows it changed.
    Result<std::int64_t> run(const std::string& sql, std::initializer_list<Value> args = {});
    // Runs one query and returns every row.
    Result<std::vector<Row>> query(const std::string& sql, std::initializer_list<Value> args = {});

private:
    explicit Db(sqlite3* db) : db_(db) {}
    Status error(const std::string& what) const;

    sqlite3* db_;
    KillSwitch* kill_switch_ = nullptr;
};

// BEGIN IMMEDIATE on construction; rolls back unless commit() succeeded.
class Transaction {
public:
    explicit Transaction(Db& db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    // Ok when BEGIN succeeded.
    const Status& begun() const { return begun_; }
    Status commit();

private:
    Db& db_;
    Status begun_;
    bool done_ = false;
};

}  // namespace spmis::sync::device

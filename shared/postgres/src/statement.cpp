#include "spmis/postgres/statement.hpp"

#include <array>
#include <charconv>
#include <cstdlib>

#include "errors.hpp"
#include "spmis/postgres/connection.hpp"

namespace spmis::postgres {

void Statement::bind_one(double v) {
    std::array<char, 32> buf{};
    const auto r = std::to_chars(buf.data(), buf.data() + buf.size(), v);  // shortest exact form
    bind_text(std::string(buf.data(), r.ptr));
}

void Statement::clear() {
    if (result_ != nullptr) PQclear(result_);
    result_ = nullptr;
    row_ = -1;
}

Status Statement::prepare_on_server() {
    PGresult* result = PQprepare(connection_.raw(), name_.c_str(), sql_.c_str(),
                                 static_cast<int>(types_.size()), types_.data());
    const bool ok = result != nullptr && PQresultStatus(result) == PGRES_COMMAND_OK;
    Status error = ok ? Status{} : error_of(connection_.raw(), result, "prepare");
    if (result != nullptr) PQclear(result);
    prepared_ = ok;
    return error;
}

Status Statement::execute() {
    clear();
    if (!prepared_) SPMIS_RETURN_IF_ERROR(prepare_on_server());
    // Tests only: a fault a KillSwitch injects fails the statement before it is sent, or throws.
    SPMIS_RETURN_IF_ERROR(connection_.step_fault());
    std::vector<const char*> values;
    values.reserve(params_.size());
    for (const auto& p : params_) values.push_back(p ? p->c_str() : nullptr);
    PGresult* result = PQexecPrepared(connection_.raw(), name_.c_str(), static_cast<int>(values.size()),
                                      values.data(), nullptr, nullptr, 0);
    const ExecStatusType status = result != nullptr ? PQresultStatus(result) : PGRES_FATAL_ERROR;
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
        Status error = error_of(connection_.raw(), result, "statement");
        if (result != nullptr) PQclear(result);
        return error;
    }
    result_ = result;
    const char* tuples = PQcmdTuples(result_);
    changes_ = tuples != nullptr && *tuples != '\0' ? std::atoll(tuples) : 0;
    return {};
}

Result<bool> Statement::step() {
    if (result_ == nullptr) SPMIS_RETURN_IF_ERROR(execute());
    if (++row_ < PQntuples(result_)) return true;
    clear();  // done: the next step runs the statement again, as SQLite's does
    return false;
}

Status Statement::run() {
    const bool autocommit = !connection_.in_transaction();
    SPMIS_RETURN_IF_ERROR(execute());
    clear();
    // Outside a transaction this write was its own commit.
    return autocommit ? connection_.after_commit() : Status{};
}

std::string_view Row::raw() {
    const char* p = PQgetvalue(result_, row_, col_);
    const int n = PQgetlength(result_, row_, col_);
    ++col_;
    return p == nullptr ? std::string_view() : std::string_view(p, static_cast<std::size_t>(n));
}

std::int64_t Row::i64() {
    if (is_null()) return (++col_, 0);  // NULL reads as SQLite reads it
    const std::string_view v = raw();
    std::int64_t out = 0;
    const auto r = std::from_chars(v.data(), v.data() + v.size(), out);
    if (r.ec != std::errc() || r.ptr != v.data() + v.size()) {
        note(make_error(ErrorCode::kCorrupt, "not an integer: " + std::string(v)));
        return 0;
    }
    return out;
}

bool Row::boolean() {
    if (is_null()) return (++col_, false);  // NULL reads as SQLite reads it
    const std::string_view v = raw();
    if (v == "t" || v == "true") return true;
    if (v == "f" || v == "false" || v == "0") return false;
    std::int64_t n = 0;
    const auto r = std::from_chars(v.data(), v.data() + v.size(), n);
    if (r.ec != std::errc() || r.ptr != v.data() + v.size()) {
        note(make_error(ErrorCode::kCorrupt, "not a boolean: " + std::string(v)));
    }
    return n != 0;
}

double Row::f64() {
    if (is_null()) return (++col_, 0);  // NULL reads as SQLite reads it
    const std::string_view v = raw();
    double out = 0;
    const auto r = std::from_chars(v.data(), v.data() + v.size(), out);
    if (r.ec != std::errc() || r.ptr != v.data() + v.size()) {
        note(make_error(ErrorCode::kCorrupt, "not a number: " + std::string(v)));
        return 0;
    }
    return out;
}

std::string Row::text() { return std::string(raw()); }

Uuid Row::uuid() {
    auto id = Uuid::parse(raw());
    if (!id.ok()) {
        note(id.status());
        return Uuid{};
    }
    return *id;
}

Date Row::date() {
    auto d = parse_date(raw());
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

}  // namespace spmis::postgres

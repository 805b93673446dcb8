#include "table_rows.hpp"

#include <array>
#include <cstdio>
#include <cstring>
#include <memory>

#include "spmis/base/hex.hpp"
#include "spmis/base/uuid.hpp"

namespace spmis::store_move {
namespace {

Status unfit(const TablePlan& table, const Column& column, const char* why) {
    return make_error(ErrorCode::kCorrupt,
                      "the SQLite store's " + table.name + "." + column.name + " holds " + why);
}

Result<std::optional<std::string>> source_value(sqlite3_stmt* st, int i, const TablePlan& table,
                                                const Column& column) {
    const int stored = sqlite3_column_type(st, i);
    if (stored == SQLITE_NULL) return std::optional<std::string>();
    switch (column.type) {
        case ColumnType::kUuid: {
            if (stored == SQLITE_BLOB && sqlite3_column_bytes(st, i) == 16) {
                std::array<std::uint8_t, 16> bytes{};
                std::memcpy(bytes.data(), sqlite3_column_blob(st, i), 16);
                return std::optional<std::string>(Uuid(bytes).to_string());
            }
            return unfit(table, column, "an id that is not 16 bytes");
        }
        case ColumnType::kInteger:
            if (stored != SQLITE_INTEGER) return unfit(table, column, "a value that is not an integer");
            return std::optional<std::string>(std::to_string(sqlite3_column_int64(st, i)));
        case ColumnType::kBoolean:
            if (stored != SQLITE_INTEGER) return unfit(table, column, "a value that is not a boolean");
            return std::optional<std::string>(sqlite3_column_int64(st, i) != 0 ? "t" : "f");
        case ColumnType::kReal: {
            if (stored != SQLITE_INTEGER && stored != SQLITE_FLOAT)
                return unfit(table, column, "a value that is not a number");
            char buf[32];
            std::snprintf(buf, sizeof buf, "%.17g", sqlite3_column_double(st, i));
            return std::optional<std::string>(buf);
        }
        case ColumnType::kText: {
            if (stored != SQLITE_TEXT) return unfit(table, column, "a value that is not text");
            const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st, i));
            return std::optional<std::string>(
                std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(st, i))));
        }
        case ColumnType::kBytes: {
            const auto* p = static_cast<const std::uint8_t*>(sqlite3_column_blob(st, i));
            const auto n = static_cast<std::size_t>(sqlite3_column_bytes(st, i));
            return std::optional<std::string>(to_hex(std::span<const std::uint8_t>(p, n)));
        }
    }
    return unfit(table, column, "a value of an unknown type");
}

struct ResultDeleter {
    void operator()(PGresult* r) const { PQclear(r); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

Status exec_ok(postgres::Connection& target, const std::string& sql, ExecStatusType expected,
               ResultPtr& out) {
    out.reset(PQexec(target.raw(), sql.c_str()));
    if (PQresultStatus(out.get()) != expected) {
        return make_error(ErrorCode::kStorage, "PostgreSQL: " + std::string(PQresultErrorMessage(out.get())));
    }
    return {};
}

}  // namespace

Status for_each_source_row(sqlite::Connection& source, const TablePlan& table, const RowVisitor& visit) {
    SPMIS_ASSIGN_OR_RETURN(sqlite::Statement * st,
                           source.prepare("SELECT " + column_list(table) + " FROM " + table.name));
    st->bind();
    CanonicalRow row(table.columns.size());
    while (true) {
        SPMIS_ASSIGN_OR_RETURN(bool has_row, st->step());
        if (!has_row) return {};
        for (std::size_t i = 0; i < table.columns.size(); ++i) {
            SPMIS_ASSIGN_OR_RETURN(row[i],
                                   source_value(st->raw(), static_cast<int>(i), table, table.columns[i]));
        }
        SPMIS_RETURN_IF_ERROR(visit(row));
    }
}

Status for_each_target_row(postgres::Connection& target, const TablePlan& table, const RowVisitor& visit) {
    ResultPtr result;
    const std::string cursor = "migrate_store_" + table.name;
    SPMIS_RETURN_IF_ERROR(exec_ok(
        target,
        "DECLARE " + cursor + " NO SCROLL CURSOR FOR SELECT " + column_list(table) + " FROM " + table.name,
        PGRES_COMMAND_OK, result));
    CanonicalRow row(table.columns.size());
    while (true) {
        SPMIS_RETURN_IF_ERROR(exec_ok(target, "FETCH FORWARD 10000 FROM " + cursor, PGRES_TUPLES_OK, result));
        const int rows = PQntuples(result.get());
        if (rows == 0) break;
        for (int r = 0; r < rows; ++r) {
            for (std::size_t i = 0; i < table.columns.size(); ++i) {
                const int c = static_cast<int>(i);
                if (PQgetisnull(result.get(), r, c)) {
                    row[i].reset();
                    continue;
                }
                auto value = canonical_from_postgres(table.columns[i].type, PQgetvalue(result.get(), r, c));
                if (!value.ok()) {
                    return make_error(ErrorCode::kCorrupt, "PostgreSQL's " + table.name + "." +
                                                               table.columns[i].name + ": " +
                                                               value.status().message());
                }
                row[i] = std::move(*value);
            }
            SPMIS_RETURN_IF_ERROR(visit(row));
        }
    }
    return exec_ok(target, "CLOSE " + cursor, PGRES_COMMAND_OK, result);
}

Status copy_rows(postgres::Connection& target, const TablePlan& table,
                 const std::function<Status(const RowVisitor&)>& produce) {
    ResultPtr result;
    SPMIS_RETURN_IF_ERROR(exec_ok(target, "COPY " + table.name + " (" + column_list(table) + ") FROM STDIN",
                                  PGRES_COPY_IN, result));
    PGconn* conn = target.raw();
    std::string buffer;
    auto send = [&]() -> Status {
        if (!buffer.empty() && PQputCopyData(conn, buffer.data(), static_cast<int>(buffer.size())) != 1)
            return make_error(ErrorCode::kStorage, "PostgreSQL: " + std::string(PQerrorMessage(conn)));
        buffer.clear();
        return {};
    };
    Status produced = produce([&](const CanonicalRow& row) -> Status {
        append_copy_line(buffer, row, table.columns);
        return buffer.size() >= (std::size_t{1} << 20) ? send() : Status{};
    });
    if (produced.ok()) produced = send();
    // Ending with an error message aborts the COPY (and so the transaction) on the server.
    PQputCopyEnd(conn, produced.ok() ? nullptr : produced.message().c_str());
    Status outcome;
    while (PGresult* r = PQgetResult(conn)) {
        if (PQresultStatus(r) != PGRES_COMMAND_OK && outcome.ok()) {
            outcome = make_error(ErrorCode::kStorage,
                                 "copying " + table.name + " into PostgreSQL: " + PQresultErrorMessage(r));
        }
        PQclear(r);
    }
    return produced.ok() ? outcome : produced;
}

}  // namespace spmis::store_move

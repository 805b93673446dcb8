#include "table_plan.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace spmis::store_move {
namespace {

Result<ColumnType> column_type(const std::string& table, const std::string& column, const std::string& type) {
    if (type == "uuid") return ColumnType::kUuid;
    if (type == "bigint" || type == "integer" || type == "smallint") return ColumnType::kInteger;
    if (type == "double precision" || type == "real") return ColumnType::kReal;
    if (type == "text") return ColumnType::kText;
    if (type == "bytea") return ColumnType::kBytes;
    if (type == "boolean") return ColumnType::kBoolean;
    return make_error(ErrorCode::kFailedPrecondition,
                      "migrate-store cannot copy " + table + "." + column + " of type " + type);
}

struct ForeignKey {
    std::string table;
    std::string referenced;
    std::string column;
};

Result<std::vector<ForeignKey>> foreign_keys(postgres::Connection& target) {
    return postgres::query<ForeignKey>(
        target,
        "SELECT t.relname, r.relname, a.attname FROM pg_constraint c "
        "JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class r ON r.oid = c.confrelid "
        "JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey) "
        "WHERE c.contype = 'f' AND t.relnamespace = current_schema()::regnamespace "
        "ORDER BY 1, 2, 3",
        [](postgres::Row& r) {
            ForeignKey fk;
            fk.table = r.text();
            fk.referenced = r.text();
            fk.column = r.text();
            return fk;
        });
}

// Kahn's algorithm, alphabetical among the tables ready at each step (a stable, readable order).
Result<std::vector<TablePlan>> in_reference_order(std::map<std::string, TablePlan> tables,
                                                  const std::vector<ForeignKey>& keys) {
    std::map<std::string, std::set<std::string>> waits_for;
    for (const auto& [name, plan] : tables) waits_for[name];
    for (const ForeignKey& fk : keys) {
        if (!tables.contains(fk.table) || !tables.contains(fk.referenced)) continue;
        if (fk.table == fk.referenced) {
            tables[fk.table].self_references.push_back(fk.column);
        } else {
            waits_for[fk.table].insert(fk.referenced);
        }
    }
    std::vector<TablePlan> order;
    while (!waits_for.empty()) {
        auto ready = std::find_if(waits_for.begin(), waits_for.end(),
                                  [](const auto& entry) { return entry.second.empty(); });
        if (ready == waits_for.end()) {
            return make_error(ErrorCode::kFailedPrecondition, "migrate-store: the foreign keys among " +
                                                                  waits_for.begin()->first +
                                                                  " and others form a cycle");
        }
        const std::string name = ready->first;
        waits_for.erase(ready);
        for (auto& [other, needs] : waits_for) needs.erase(name);
        order.push_back(std::move(tables[name]));
    }
    return order;
}

}  // namespace

bool is_bookkeeping_table(const std::string& table) {
    return table == "schema_migrations" || table == "sync_clock" || table == "operation_clock";
}

Result<std::vector<TablePlan>> plan_tables(postgres::Connection& target) {
    struct Row {
        std::string table, column, type, identity;
    };
    SPMIS_ASSIGN_OR_RETURN(
        auto rows,
        postgres::query<Row>(target,
                             "SELECT c.table_name, c.column_name, c.data_type, c.is_identity "
                             "FROM information_schema.columns c JOIN information_schema.tables t "
                             "ON t.table_schema = c.table_schema AND t.table_name = c.table_name "
                             "WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' "
                             "ORDER BY c.table_name, c.ordinal_position",
                             [](postgres::Row& r) {
                                 Row row;
                                 row.table = r.text();
                                 row.column = r.text();
                                 row.type = r.text();
                                 row.identity = r.text();
                                 return row;
                             }));
    std::map<std::string, TablePlan> tables;
    for (const Row& row : rows) {
        if (is_bookkeeping_table(row.table)) continue;
        SPMIS_ASSIGN_OR_RETURN(const ColumnType type, column_type(row.table, row.column, row.type));
        TablePlan& plan = tables[row.table];
        plan.name = row.table;
        plan.columns.push_back(Column{row.column, type, row.identity == "YES"});
    }
    SPMIS_ASSIGN_OR_RETURN(auto keys, foreign_keys(target));
    return in_reference_order(std::move(tables), keys);
}

Status check_source_matches(sqlite::Connection& source, const std::vector<TablePlan>& plan) {
    SPMIS_ASSIGN_OR_RETURN(auto source_tables, sqlite::query<std::string>(
                                                   source,
                                                   "SELECT name FROM sqlite_master WHERE type = 'table' "
                                                   "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
                                                   [](sqlite::Row& r) { return r.text(); }));
    std::set<std::string> expected;
    for (const TablePlan& table : plan) expected.insert(table.name);
    for (const std::string& table : source_tables) {
        if (is_bookkeeping_table(table)) continue;
        if (!expected.erase(table)) {
            return make_error(ErrorCode::kFailedPrecondition,
                              "the SQLite store has a table " + table + " that the PostgreSQL schema lacks");
        }
    }
    if (!expected.empty()) {
        return make_error(
            ErrorCode::kFailedPrecondition,
            "the SQLite store lacks the table " + *expected.begin() + " of the PostgreSQL schema");
    }
    for (const TablePlan& table : plan) {
        SPMIS_ASSIGN_OR_RETURN(auto names, sqlite::query<std::string>(
                                               source, "SELECT name FROM pragma_table_info(?) ORDER BY name",
                                               [](sqlite::Row& r) { return r.text(); }, table.name));
        std::vector<std::string> wanted;
        for (const Column& column : table.columns) wanted.push_back(column.name);
        std::sort(wanted.begin(), wanted.end());
        if (names != wanted) {
            return make_error(ErrorCode::kFailedPrecondition, "the columns of " + table.name +
                                                                  " differ between the SQLite store and the "
                                                                  "PostgreSQL schema");
        }
    }
    return {};
}

std::string column_list(const TablePlan& table) {
    std::string list;
    for (const Column& column : table.columns) {
        if (!list.empty()) list += ", ";
        list += column.name;
    }
    return list;
}

}  // namespace spmis::store_move

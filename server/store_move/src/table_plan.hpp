#pragma once
// What migrate-store copies, read from the PostgreSQL catalog (the target's schema is the contract):
// every table but the bookkeeping ones, its columns and their types, the columns that point into
// their own table, and an order in which every referenced table comes before those that refer to it.

#include <string>
#include <vector>

#include "spmis/base/status.hpp"
#include "spmis/postgres/connection.hpp"
#include "spmis/sqlite/connection.hpp"

namespace spmis::store_move {

// The value kinds of the schema, as PostgreSQL types them.
enum class ColumnType { kUuid, kInteger, kReal, kText, kBytes, kBoolean };

struct Column {
    std::string name;
    ColumnType type = ColumnType::kText;
    bool identity = false;  // GENERATED ... AS IDENTITY: its sequence must follow the copied values
};

struct TablePlan {
    std::string name;
    std::vector<Column> columns;
    // Columns referring to this same table (areas.parent_id): copied as NULL, set once every row is in.
    std::vector<std::string> self_references;
};

// Tables on PostgreSQL that are not copied row by row: its migration log, and the two clocks
// (carried over as values by migrate_store).
bool is_bookkeeping_table(const std::string& table);

// The target's tables in a copy order that satisfies every foreign key but self-references.
Result<std::vector<TablePlan>> plan_tables(postgres::Connection& target);

// kFailedPrecondition naming the first difference when the source's tables or columns are not the
// plan's (a store and a target of different builds): nothing is copied then.
Status check_source_matches(sqlite::Connection& source, const std::vector<TablePlan>& plan);

// The comma-separated column list of a table, as both sides select it.
std::string column_list(const TablePlan& table);

}  // namespace spmis::store_move

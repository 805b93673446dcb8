#pragma once
// Reading a table's rows in canonical form from either side, and writing rows with COPY.

#include <functional>
#include <string>

#include "canonical_row.hpp"
#include "spmis/postgres/connection.hpp"
#include "spmis/sqlite/connection.hpp"
#include "table_plan.hpp"

namespace spmis::store_move {

using RowVisitor = std::function<Status(const CanonicalRow&)>;

// Every row of the SQLite table. A value whose stored type does not fit the column (text in an integer
// column, an id that is not 16 bytes) is kCorrupt naming the table and column: copying it would
// change it.
Status for_each_source_row(sqlite::Connection& source, const TablePlan& table, const RowVisitor& visit);

// Every row of the PostgreSQL table, read through a cursor in batches (inside the caller's
// transaction).
Status for_each_target_row(postgres::Connection& target, const TablePlan& table, const RowVisitor& visit);

// COPYs into the table every row that `produce` hands to the visitor it is given (in batches of about
// a mebibyte). An error from `produce` aborts the COPY, and with it the caller's transaction.
Status copy_rows(postgres::Connection& target, const TablePlan& table,
                 const std::function<Status(const RowVisitor&)>& produce);

}  // namespace spmis::store_move

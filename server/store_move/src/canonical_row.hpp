#pragma once
// One row as migrate-store sees it on either side: each value in one canonical text per type, so the
// SQLite source and the PostgreSQL copy can be compared value for value. From it: the row's COPY
// line and its contribution to the table's checksum.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "spmis/base/status.hpp"
#include "table_plan.hpp"

namespace spmis::store_move {

// Canonical text per type: ids as lowercase UUID text, integers in decimal, reals with 17 significant
// digits (which round-trip exactly), text as it is, bytes as lowercase hex, booleans as t/f.
// nullopt is NULL.
using CanonicalRow = std::vector<std::optional<std::string>>;

// The canonical value of PostgreSQL's text output for a column of `type`; kCorrupt when unreadable.
Result<std::string> canonical_from_postgres(ColumnType type, const char* text);

// Appends the row to `copy` as one line of COPY's text format.
void append_copy_line(std::string& copy, const CanonicalRow& row, const std::vector<Column>& columns);

// An order-independent checksum of a table: the sum, modulo 2^64, of the first 8 bytes of each row's
// SHA-256 (over its values, lengths and NULLs), so both sides may read rows in any order.
class TableChecksum {
public:
    void add(const CanonicalRow& row);
    std::int64_t rows() const { return rows_; }
    std::string hex() const;
    bool operator==(const TableChecksum& other) const = default;

private:
    std::uint64_t sum_ = 0;
    std::int64_t rows_ = 0;
};

}  // namespace spmis::store_move

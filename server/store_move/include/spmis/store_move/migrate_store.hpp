#pragma once
// `spmis-server migrate-store --from DIR --to postgresql://...`: moves a SQLite deployment into an
// empty PostgreSQL database in one transaction, so a site that outgrows one machine keeps every
// record, every server_seq and its change clock (field devices keep syncing without re-enrolling).

#include <cstdint>
#include <string>
#include <vector>

#include "spmis/base/clock.hpp"
#include "spmis/base/status.hpp"

namespace spmis::store_move {

// One copied table: its rows and a checksum of their content, equal on both sides.
struct TableCopy {
    std::string table;
    std::int64_t rows = 0;
    std::string checksum;  // 16 hex digits; see row_checksum.hpp
};

struct MoveReport {
    std::vector<TableCopy> tables;  // in copy order
    std::int64_t change_clock = 0;  // the sync clock carried over
    int sqlite_schema = 0;
    int postgres_schema = 0;
};

// The key in the SQLite store's server_meta that marks it as moved (its value is the target's
// redacted address); a data directory so marked is no longer opened as a store.
inline constexpr const char* kMovedToKey = "moved_to";

// Copies DIR/spmis.db into the database at `url`:
// - both are migrated to their latest schema first; their tables and columns must correspond;
// - kFailedPrecondition when the target holds any record (it must be empty) or DIR has no store;
// - every table is copied with COPY, then counted and checksummed again on PostgreSQL; any
//   difference rolls the whole copy back;
// - the SQLite source is held with a write lock throughout (no write lands in between) and is marked
//   as moved once the copy is committed.
Result<MoveReport> migrate_store(const std::string& data_dir, const std::string& url, Clock& clock);

}  // namespace spmis::store_move

#pragma once
// A digest of every row of every table of a SQLite file, per table, read through a connection of its
// own (it sees committed data only), so a test can say which tables a request changed.

#include <sqlite3.h>

#include <cstdint>
#include <map>
#include <set>
#include <string>

namespace spmis::test {

// Table name -> digest of its rows in the order of all its columns.
using TableDigests = std::map<std::string, std::uint64_t>;

class TableDigester {
public:
    // Opens `path` read-only; every table but SQLite's own and `skipped` is digested.
    TableDigester(const std::string& path, std::set<std::string> skipped);
    ~TableDigester();
    TableDigester(const TableDigester&) = delete;
    TableDigester& operator=(const TableDigester&) = delete;

    // The digest of each table now; a table that cannot be read digests as its error text.
    TableDigests digest();

private:
    std::uint64_t digest_table(const std::string& table);

    sqlite3* db_ = nullptr;
    std::set<std::string> skipped_;
};

// The names of the tables whose digests differ (or are in only one), comma-separated.
std::string changed_tables(const TableDigests& before, const TableDigests& after);

}  // namespace spmis::test

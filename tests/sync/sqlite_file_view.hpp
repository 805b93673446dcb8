#pragma once
// What a SQLite file holds for everyone else: every table read through a connection of its own (so
// only committed rows), and whether any connection still holds a transaction open on it. The
// transaction fault tests compare these before and after a request that failed.

#include <cstdint>
#include <filesystem>
#include <map>
#include <ostream>
#include <string>

namespace spmis::sync::testing {

// A new directory for files a test copies many times: on tmpfs when there is one.
std::filesystem::path scratch_directory(const std::string& prefix);

// The committed content of every table of a file (sqlite_master order), row order ignored.
struct FileView {
    std::map<std::string, std::int64_t> rows;  // rows per table
    std::uint64_t digest = 0;                  // of every row's values, tables in name order

    bool operator==(const FileView&) const = default;
};

// Readable failure messages: the row count of every table.
void PrintTo(const FileView& v, std::ostream* os);

// The file's committed content; a failed read is reported as a test failure and an empty view.
FileView committed_view(const std::string& path);

// Empty when no connection holds a transaction open on the file, else what is held: a write
// transaction (another connection cannot take the write lock at once) or a read snapshot (a full
// checkpoint cannot complete at once, as a statement left running by an exception would prevent).
std::string open_transactions(const std::string& path);

}  // namespace spmis::sync::testing

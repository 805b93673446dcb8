#include "sqlite_file_view.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <vector>

#include "spmis/base/uuid.hpp"

namespace spmis::sync::testing {
namespace {

// One connection of the test's own, closed on every path; no busy wait: a lock is an answer.
class Connection {
public:
    explicit Connection(const std::string& path) {
        if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK)
            ADD_FAILURE() << "cannot open " << path << ": " << sqlite3_errmsg(db_);
    }
    ~Connection() { sqlite3_close_v2(db_); }
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    // The rows of a query, each as its columns' types and bytes.
    std::vector<std::string> rows(const std::string& sql) {
        std::vector<std::string> out;
        sqlite3_stmt* st = nullptr;
        if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
            ADD_FAILURE() << sql << ": " << sqlite3_errmsg(db_);
            return out;
        }
        int rc = SQLITE_ROW;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) out.push_back(row_bytes(st));
        if (rc != SQLITE_DONE) ADD_FAILURE() << sql << ": " << sqlite3_errmsg(db_);
        sqlite3_finalize(st);
        return out;
    }
    // The first column of the first row of a query, as an integer (0 when there is none).
    std::int64_t integer(const std::string& sql) {
        sqlite3_stmt* st = nullptr;
        std::int64_t v = 0;
        if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr) == SQLITE_OK &&
            sqlite3_step(st) == SQLITE_ROW)
            v = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
        return v;
    }
    // The result code of running `sql` (all of it).
    int exec(const std::string& sql) { return sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr); }

private:
    static std::string row_bytes(sqlite3_stmt* st) {
        std::string row;
        for (int c = 0; c < sqlite3_column_count(st); ++c) {
            row.push_back(static_cast<char>('0' + sqlite3_column_type(st, c)));
            const auto* p = static_cast<const char*>(sqlite3_column_blob(st, c));
            const auto n = static_cast<std::size_t>(sqlite3_column_bytes(st, c));
            row += std::to_string(n) + ":" + (p != nullptr ? std::string(p, n) : std::string());
        }
        return row;
    }

    sqlite3* db_ = nullptr;
};

// FNV-1a: a stable content hash for equality checks.
void mix(std::uint64_t& h, const std::string& bytes) {
    for (unsigned char c : bytes) h = (h ^ c) * 0x100000001b3ULL;
}

}  // namespace

std::filesystem::path scratch_directory(const std::string& prefix) {
    const std::filesystem::path shm = "/dev/shm";
    const std::filesystem::path dir =
        (std::filesystem::is_directory(shm) ? shm : std::filesystem::temp_directory_path()) /
        (prefix + new_uuid_v7().to_string());
    std::filesystem::create_directories(dir);
    return dir;
}

void PrintTo(const FileView& v, std::ostream* os) {
    *os << "digest " << v.digest;
    for (const auto& [table, n] : v.rows) *os << "\n  " << table << ": " << n;
}

FileView committed_view(const std::string& path) {
    Connection c(path);
    FileView view;
    view.digest = 0xcbf29ce484222325ULL;
    for (std::string table : c.rows("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
        table = table.substr(table.find(':') + 1);  // the name's bytes after its type and length
        std::vector<std::string> rows = c.rows("SELECT * FROM \"" + table + "\"");
        std::sort(rows.begin(), rows.end());
        view.rows[table] = static_cast<std::int64_t>(rows.size());
        mix(view.digest, table);
        for (const auto& r : rows) mix(view.digest, r);
    }
    return view;
}

std::string open_transactions(const std::string& path) {
    Connection c(path);
    if (c.exec("BEGIN IMMEDIATE") != SQLITE_OK) return "a write transaction is open";
    // A commit that changes no row (the header's user version, rewritten as it is), so that the
    // checkpoint below must copy a page that every open snapshot still reads from the file.
    const std::int64_t version = c.integer("PRAGMA user_version");
    if (c.exec("PRAGMA user_version = " + std::to_string(version) + "; COMMIT") != SQLITE_OK)
        return "the probe cannot commit";
    // Its first column is 1 when a reader still holds a snapshot the checkpoint cannot go past.
    if (c.integer("PRAGMA wal_checkpoint(TRUNCATE)") != 0) return "a read snapshot is held open";
    return "";
}

}  // namespace spmis::sync::testing

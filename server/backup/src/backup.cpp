// create_backup: one read snapshot of the database copied with SQLite's online backup API.

#include <sqlite3.h>

#include <algorithm>
#include <filesystem>

#include "archive.hpp"
#include "pg_tools.hpp"
#include "spmis/store/tuning.hpp"

namespace spmis::backup {
namespace {

namespace fs = std::filesystem;

Status sqlite_error(sqlite3* db, const std::string& what) {
    return make_error(ErrorCode::kStorage,
                      what + ": " + (db != nullptr ? sqlite3_errmsg(db) : "out of memory"));
}

// Owns a connection.
struct Connection {
    sqlite3* db = nullptr;
    ~Connection() { sqlite3_close_v2(db); }
};

Status exec(sqlite3* db, const char* sql) {
    char* message = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &message) == SQLITE_OK) return {};
    const std::string text = message != nullptr ? message : "unknown error";
    sqlite3_free(message);
    return make_error(ErrorCode::kStorage, std::string(sql) + ": " + text);
}

// Copies source's main database, as of its open read transaction, into a new file at copy_path.
Status copy_snapshot(sqlite3* source, const std::string& copy_path) {
    Connection copy;
    if (sqlite3_open(copy_path.c_str(), &copy.db) != SQLITE_OK)
        return sqlite_error(copy.db, "open " + copy_path);
    sqlite3_backup* job = sqlite3_backup_init(copy.db, "main", source, "main");
    if (job == nullptr) return sqlite_error(copy.db, "backup init");
    // -1: every page in one step, so the copy comes from the one snapshot we hold.
    const int stepped = sqlite3_backup_step(job, -1);
    const int finished = sqlite3_backup_finish(job);
    if (stepped != SQLITE_DONE || finished != SQLITE_OK) return sqlite_error(copy.db, "online backup");
    // A standalone file: no write-ahead log beside it.
    return exec(copy.db, "PRAGMA journal_mode=DELETE");
}

// The data directory's other regular files (keys), skipping the database and its journals.
std::vector<std::string> side_files(const std::string& data_dir) {
    std::vector<std::string> names;
    std::error_code ec;
    for (const fs::directory_entry& entry : fs::directory_iterator(data_dir, ec)) {
        const std::string name = entry.path().filename().string();
        if (!entry.is_regular_file() || name.rfind(kDatabaseName, 0) == 0 || !is_plain_name(name)) continue;
        names.push_back(name);
    }
    std::sort(names.begin(), names.end());
    return names;
}

// The database (under `database_name`) first, then the directory's other files.
Result<BackupSummary> write_archive(const std::string& data_dir, const std::string& database_name,
                                    const std::string& copy_path, const std::string& out_file) {
    const std::string partial = out_file + ".partial";
    SPMIS_ASSIGN_OR_RETURN(ArchiveWriter writer, ArchiveWriter::create(partial));
    BackupSummary summary;
    Status status = writer.add_file(database_name, copy_path);
    summary.files.push_back(database_name);
    for (const std::string& name : side_files(data_dir)) {
        if (!status.ok()) break;
        status = writer.add_file(name, (fs::path(data_dir) / name).string());
        summary.files.push_back(name);
    }
    Result<std::string> digest = status.ok() ? writer.finish() : Result<std::string>(status);
    std::error_code ec;
    if (digest.ok()) fs::rename(partial, out_file, ec);
    if (!digest.ok() || ec) {
        fs::remove(partial, ec);
        return digest.ok() ? make_error(ErrorCode::kStorage, "cannot create " + out_file) : digest.status();
    }
    summary.sha256 = *digest;
    summary.bytes = fs::file_size(out_file, ec);
    summary.database_bytes = fs::file_size(copy_path, ec);
    return summary;
}

}  // namespace

Result<BackupSummary> create_backup(const std::string& data_dir, const std::string& out_file,
                                    const SnapshotHook& hook) {
    const std::string db_path = (fs::path(data_dir) / kDatabaseName).string();
    std::error_code ec;
    if (!fs::is_regular_file(db_path, ec))
        return make_error(ErrorCode::kNotFound, "no database at " + db_path);
    if (fs::exists(out_file, ec)) return make_error(ErrorCode::kAlreadyExists, out_file + " already exists");
    Connection source;
    // Read-write open without CREATE: a reader of a WAL database may need to write its -shm file.
    if (sqlite3_open_v2(db_path.c_str(), &source.db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK)
        return sqlite_error(source.db, "open " + db_path);
    sqlite3_busy_timeout(source.db, tuning::kSqliteBusyTimeoutMs);
    // Pin one snapshot: the copy and the hook both see the database as of this read transaction.
    SPMIS_RETURN_IF_ERROR(exec(source.db, "BEGIN; SELECT count(*) FROM sqlite_schema;"));
    const std::string copy_path = out_file + ".db-copy";
    Status copied = copy_snapshot(source.db, copy_path);
    if (copied.ok() && hook) hook(source.db);
    (void)exec(source.db, "COMMIT");
    if (!copied.ok()) {
        fs::remove(copy_path, ec);
        return copied;
    }
    Result<BackupSummary> summary = write_archive(data_dir, kDatabaseName, copy_path, out_file);
    fs::remove(copy_path, ec);
    return summary;
}

Result<BackupSummary> create_postgres_backup(const std::string& database_url, const std::string& data_dir,
                                             const std::string& out_file) {
    std::error_code ec;
    if (fs::exists(out_file, ec)) return make_error(ErrorCode::kAlreadyExists, out_file + " already exists");
    const std::string dump_path = out_file + ".pgdump";
    // pg_dump reads one snapshot of the whole database while the nodes keep writing.
    Status dumped = run_pg_tool("pg_dump", {"--format=custom", "--file=" + dump_path}, database_url);
    Result<BackupSummary> summary = dumped.ok()
                                        ? write_archive(data_dir, kPostgresDumpName, dump_path, out_file)
                                        : Result<BackupSummary>(dumped);
    fs::remove(dump_path, ec);
    return summary;
}

}  // namespace spmis::backup

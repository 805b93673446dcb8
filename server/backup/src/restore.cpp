// verify_backup and restore_backup: extract to a private staging directory, check, then install.

#include <sodium.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <filesystem>

#include "archive.hpp"
#include "pg_tools.hpp"
#include "spmis/postgres/connection.hpp"
#include "spmis/store/store.hpp"
#include "staging.hpp"

namespace spmis::backup {
namespace {

namespace fs = std::filesystem;

Status integrity_check(const std::string& db_path, const std::string& backup_file) {
    sqlite3* db = nullptr;
    const std::string uri = "file:" + db_path + "?immutable=1";
    int rc = sqlite3_open_v2(uri.c_str(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nullptr);
    std::string result;
    sqlite3_stmt* stmt = nullptr;
    if (rc == SQLITE_OK) rc = sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &stmt, nullptr);
    while (rc == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW) {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
        if (!result.empty()) result += "; ";
        result += text != nullptr ? text : "";
    }
    const std::string message = db != nullptr ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_finalize(stmt);
    sqlite3_close_v2(db);
    if (rc != SQLITE_OK || result.empty())
        return make_error(ErrorCode::kCorrupt,
                          "backup " + backup_file + ": its database cannot be read: " + message);
    if (result != "ok")
        return make_error(ErrorCode::kCorrupt,
                          "backup " + backup_file + ": integrity_check failed: " + result);
    return {};
}

// Extracts into dir and checks digest and database.
bool holds(const BackupSummary& summary, const char* name) {
    return std::find(summary.files.begin(), summary.files.end(), name) != summary.files.end();
}

// A SQLite database passes its integrity check; a PostgreSQL dump must be readable by pg_restore.
Result<BackupSummary> extract_and_check(const std::string& backup_file, const std::string& dir) {
    SPMIS_ASSIGN_OR_RETURN(BackupSummary summary, read_archive(backup_file, dir));
    if (holds(summary, kPostgresDumpName)) {
        Status listed =
            run_pg_tool("pg_restore", {"--list", (fs::path(dir) / kPostgresDumpName).string()}, "");
        if (!listed.ok())
            return make_error(ErrorCode::kCorrupt,
                              "backup " + backup_file + ": its dump cannot be read: " + listed.message());
        return summary;
    }
    SPMIS_RETURN_IF_ERROR(integrity_check((fs::path(dir) / kDatabaseName).string(), backup_file));
    return summary;
}

std::string new_epoch() {
    std::array<unsigned char, 8> bytes{};
    randombytes_buf(bytes.data(), bytes.size());
    return hex(bytes.data(), bytes.size());
}

// The dump goes into an empty database only: restoring over records would mix two histories.
Status restore_dump(const std::string& dump_path, const std::string& database_url) {
    {
        SPMIS_ASSIGN_OR_RETURN(auto target, postgres::Connection::open(postgres::Options{database_url}));
        SPMIS_ASSIGN_OR_RETURN(
            const std::int64_t tables,
            postgres::query_int(*target, "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()",
                                0));
        if (tables > 0) {
            return make_error(ErrorCode::kFailedPrecondition, "refusing to restore into " +
                                                                  postgres::redacted(database_url) +
                                                                  ": it is not an empty database");
        }
    }
    SPMIS_ASSIGN_OR_RETURN(const std::string name, database_name(database_url));
    SPMIS_RETURN_IF_ERROR(
        run_pg_tool("pg_restore",
                    {"--dbname=" + name, "--exit-on-error", "--single-transaction", "--no-owner", dump_path},
                    database_url));
    // A dump of an older build's schema is brought up to date, as at a node's start.
    SPMIS_ASSIGN_OR_RETURN(auto store, store::open_postgres_store(store::PostgresStoreOptions{database_url}));
    return store->transaction([&] { return store->server_meta().set_meta("epoch", new_epoch()); });
}

// A new random epoch: devices that saw another one re-push everything above what we hold (the
// same meta key SyncServer::epoch() reads).
Status start_new_epoch(const std::string& dir) {
    SPMIS_ASSIGN_OR_RETURN(auto store, store::open_store_in_directory(dir));
    return store->transaction([&] { return store->server_meta().set_meta("epoch", new_epoch()); });
}

}  // namespace

Result<BackupSummary> verify_backup(const std::string& backup_file) {
    std::error_code ec;
    const fs::path temp = fs::temp_directory_path(ec);
    if (ec) return make_error(ErrorCode::kStorage, "no temporary directory: " + ec.message());
    SPMIS_ASSIGN_OR_RETURN(std::string dir, make_private_dir(temp.string(), "spmis-verify-"));
    Staging staging(dir);
    return extract_and_check(backup_file, staging.path());
}

Result<BackupSummary> restore_backup(const std::string& backup_file, const std::string& data_dir,
                                     const std::string& database_url) {
    if (sodium_init() < 0) return make_error(ErrorCode::kInternal, "libsodium failed to initialise");
    std::error_code ec;
    fs::path target = fs::absolute(data_dir, ec).lexically_normal();
    if (!target.has_filename()) target = target.parent_path();  // "dir/"
    const bool exists = fs::exists(target, ec);
    if (exists && (!fs::is_directory(target, ec) || !fs::is_empty(target, ec)))
        return make_error(ErrorCode::kFailedPrecondition, "refusing to restore into " + data_dir +
                                                              ": it exists and is not an empty directory");
    fs::create_directories(target.parent_path(), ec);
    // Staged beside the target (same file system), so installing it is one rename.
    SPMIS_ASSIGN_OR_RETURN(
        std::string dir,
        make_private_dir(target.parent_path().string(), "." + target.filename().string() + ".restoring-"));
    Staging staging(dir);
    SPMIS_ASSIGN_OR_RETURN(BackupSummary summary, extract_and_check(backup_file, staging.path()));
    for (const std::string& name : summary.files) {
        fs::permissions(fs::path(staging.path()) / name, fs::perms::owner_read | fs::perms::owner_write, ec);
    }
    const bool dump = holds(summary, kPostgresDumpName);
    if (dump != !database_url.empty()) {
        return make_error(ErrorCode::kInvalidArgument,
                          dump ? "this backup is of a PostgreSQL database: restore it with --database URL"
                               : "this backup is of a SQLite data directory: restore it without --database "
                                 "(then migrate-store moves it into PostgreSQL)");
    }
    if (dump) {
        const std::string dump_path = (fs::path(staging.path()) / kPostgresDumpName).string();
        SPMIS_RETURN_IF_ERROR(restore_dump(dump_path, database_url));
        fs::remove(dump_path, ec);  // the directory keeps only the server's own files
    } else {
        SPMIS_RETURN_IF_ERROR(start_new_epoch(staging.path()));
    }
    if (exists) fs::remove(target, ec);
    fs::rename(staging.path(), target, ec);
    if (ec) return make_error(ErrorCode::kStorage, "cannot install " + data_dir + ": " + ec.message());
    staging.release();
    return summary;
}

}  // namespace spmis::backup

#pragma once
// Backups of a server data directory: the database copied with SQLite's online backup API (one
// read snapshot, so it is consistent while the server keeps writing) plus the directory's other
// files (the server's signing key), in one archive file that ends with a SHA-256 of its content.
//
// Archive format, version 1 (all text lines end in '\n'):
//   SPMIS-BACKUP 1
//   FILE <name> <size>     then exactly <size> bytes, then '\n'   (once per file; spmis.db first)
//   END sha256=<64 hex>    the SHA-256 of every byte before this line
// Names are plain file names (no '/'); anything else, a short file or a wrong hash is kCorrupt.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "spmis/base/status.hpp"

struct sqlite3;

namespace spmis::backup {

// What a backup or a verification saw.
struct BackupSummary {
    std::string sha256;                // hex digest recorded in (and checked against) the archive
    std::uint64_t bytes = 0;           // archive size
    std::vector<std::string> files;    // names in archive order
    std::uint64_t database_bytes = 0;  // size of spmis.db inside
};

// Called with the source connection inside the read transaction the backup copied from (tests
// compare that snapshot with the restored database).
using SnapshotHook = std::function<void(sqlite3* source)>;

// Writes a backup of data_dir (which must hold spmis.db) to out_file, atomically (a partial
// file is never left under out_file) and owner-only (it holds the server key). kNotFound when
// there is no database, kAlreadyExists when out_file exists, kStorage on I/O or SQLite errors.
Result<BackupSummary> create_backup(const std::string& data_dir, const std::string& out_file,
                                    const SnapshotHook& hook = {});

// A backup of a PostgreSQL deployment: the same archive with spmis.pgdump (pg_dump's custom format,
// one consistent snapshot taken while the nodes keep serving) in place of spmis.db, and data_dir's
// other files (the server key). kAlreadyExists when out_file exists, kStorage with pg_dump's message.
Result<BackupSummary> create_postgres_backup(const std::string& database_url, const std::string& data_dir,
                                             const std::string& out_file);

// Checks the archive's structure and SHA-256 and runs PRAGMA integrity_check on its database, or
// pg_restore --list on its PostgreSQL dump (extracted under a temporary directory, removed
// afterwards). kCorrupt names what is wrong.
Result<BackupSummary> verify_backup(const std::string& backup_file);

// Verifies backup_file, then installs it as data_dir, which must be missing or empty, and starts
// a new server epoch so devices re-push what the backup lacks (sync/PROTOCOL.md, SYNC.md). Nothing
// is written under data_dir unless everything succeeds. kFailedPrecondition for a non-empty dir.
// A PostgreSQL backup needs `database_url`, an empty database (kFailedPrecondition otherwise): the
// dump is restored there in one transaction, its schema migrated, its epoch renewed; data_dir gets
// the other files. kInvalidArgument when the backup's kind and `database_url` disagree.
Result<BackupSummary> restore_backup(const std::string& backup_file, const std::string& data_dir,
                                     const std::string& database_url = "");

}  // namespace spmis::backup

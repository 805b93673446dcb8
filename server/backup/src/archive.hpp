#pragma once
// The backup archive format (see spmis/backup/backup.hpp): writing and reading with SHA-256.

#include <sodium.h>

#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

#include "spmis/backup/backup.hpp"

namespace spmis::backup {

inline constexpr const char* kArchiveMagic = "SPMIS-BACKUP 1";
inline constexpr const char* kDatabaseName = "spmis.db";
// A PostgreSQL deployment's database: pg_dump's custom format, restored with pg_restore.
inline constexpr const char* kPostgresDumpName = "spmis.pgdump";

// Appends files to a new archive, hashing every byte written.
class ArchiveWriter {
public:
    // Creates path (owner-only); kStorage when it cannot.
    static Result<ArchiveWriter> create(const std::string& path);
    // Adds the file at source_path under name.
    Status add_file(const std::string& name, const std::string& source_path);
    // Writes the END line and flushes to disk; the hex digest is returned.
    Result<std::string> finish();

private:
    explicit ArchiveWriter(std::string path) : path_(std::move(path)) {}
    Status write(const char* data, std::size_t size);

    std::string path_;
    std::ofstream out_;
    crypto_hash_sha256_state hash_{};
};

// Reads an archive, extracting its files into extract_dir (created beforehand by the caller), and
// checks the digest. The summary's files are in archive order.
Result<BackupSummary> read_archive(const std::string& path, const std::string& extract_dir);

// True for a plain file name: no '/', not "." or "..", not empty, printable.
bool is_plain_name(const std::string& name);

// Lower-case hex of bytes.
std::string hex(const unsigned char* bytes, std::size_t size);

}  // namespace spmis::backup

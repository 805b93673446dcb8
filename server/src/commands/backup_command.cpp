// spmis-server backup | backup verify | restore: the operator's backup procedure (deploy/README.md).

#include <sys/stat.h>

#include <iostream>

#include "commands/commands.hpp"
#include "spmis/backup/backup.hpp"
#include "spmis/postgres/connection.hpp"
#include "spmis/store/store.hpp"

namespace spmis::server {
namespace {

struct BackupOptions {
    std::string data_dir;
    std::string out_file;
    std::string verify_file;
    std::string restore_file;
};

int report(const Result<backup::BackupSummary>& summary, const std::string& what) {
    if (!summary.ok()) return report_error(summary.status());
    std::cout << what << ": " << summary->files.size() << " files, database " << summary->database_bytes
              << " bytes, sha256 " << summary->sha256 << "\n";
    return 0;
}

}  // namespace

void add_backup_commands(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<BackupOptions>();
    CLI::App* backup = app.add_subcommand(
        "backup",
        "Back up a data directory (and its PostgreSQL database with --database), also while the server runs");
    backup->add_option("--data", options->data_dir, "Data directory to back up");
    backup->add_option("--out", options->out_file, "Backup file to create (must not exist)");
    CLI::App* verify = backup->add_subcommand("verify", "Check a backup file's checksum and database");
    verify->add_option("file", options->verify_file, "Backup file")->required();
    verify->callback([options, &exit_code] {
        exit_code = report(backup::verify_backup(options->verify_file), "backup ok");
    });
    backup->callback([verify, options, &exit_code] {
        if (verify->parsed()) return;
        if (options->data_dir.empty() || options->out_file.empty()) {
            throw CLI::ValidationError("backup needs --data DIR and --out FILE (or: backup verify FILE)");
        }
        ::umask(077);  // the copy holds personal data and the server key
        const std::string location = command_store_location(options->data_dir);
        exit_code =
            report(store::is_postgres_url(location)
                       ? backup::create_postgres_backup(location, options->data_dir, options->out_file)
                       : backup::create_backup(options->data_dir, options->out_file),
                   "backup written to " + options->out_file);
    });

    CLI::App* restore = app.add_subcommand("restore",
                                           "Restore a verified backup into an empty data directory (and an "
                                           "empty PostgreSQL database with --database)");
    restore->add_option("--data", options->data_dir, "Data directory to create (missing or empty)")
        ->required();
    restore->add_option("file", options->restore_file, "Backup file")->required();
    restore->callback([options, &exit_code] {
        ::umask(077);
        const std::string location = command_store_location(options->data_dir);
        const bool postgres = store::is_postgres_url(location);
        exit_code =
            report(backup::restore_backup(options->restore_file, options->data_dir, postgres ? location : ""),
                   "restored into " + (postgres ? postgres::redacted(location) + " and " : std::string()) +
                       options->data_dir + " with a new server epoch");
    });
}

}  // namespace spmis::server

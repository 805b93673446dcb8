// spmis-server migrate-store --from DIR --to URL: a site that outgrows one machine moves its SQLite
// store into PostgreSQL (deploy/README.md, "Moving a SQLite site to PostgreSQL").

#include <iomanip>
#include <iostream>

#include "commands/commands.hpp"
#include "spmis/store/store.hpp"
#include "spmis/store_move/migrate_store.hpp"

namespace spmis::server {
namespace {

struct MigrateOptions {
    std::string from;
    std::string to;
};

int migrate(const MigrateOptions& options) {
    if (!store::is_postgres_url(options.to)) {
        return report_error(make_error(ErrorCode::kInvalidArgument, "--to must be a postgresql:// URL"));
    }
    auto report = store_move::migrate_store(options.from, options.to, command_clock());
    if (!report.ok()) return report_error(report.status());
    std::int64_t rows = 0;
    for (const store_move::TableCopy& table : report->tables) {
        std::cout << std::left << std::setw(30) << table.table << std::right << std::setw(12) << table.rows
                  << "  " << table.checksum << "\n";
        rows += table.rows;
    }
    std::cout << "copied " << rows << " rows in " << report->tables.size()
              << " tables; counts and checksums agree; change clock " << report->change_clock
              << " (SQLite schema " << report->sqlite_schema << ", PostgreSQL schema "
              << report->postgres_schema << ")\n"
              << options.from << " is marked as moved: serve with --database set to the new database "
              << "(the directory still holds server.key)\n";
    return 0;
}

}  // namespace

void add_migrate_store_command(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<MigrateOptions>();
    CLI::App* cmd =
        app.add_subcommand("migrate-store",
                           "Copy a SQLite data directory's store into an empty PostgreSQL database (stop the "
                           "server first)");
    cmd->add_option("--from", options->from, "Data directory holding spmis.db")->required();
    cmd->add_option("--to", options->to, "postgresql:// URL of an empty database")->required();
    cmd->callback([options, &exit_code] { exit_code = migrate(*options); });
}

}  // namespace spmis::server

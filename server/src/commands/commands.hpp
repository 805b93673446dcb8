#pragma once
// spmis-server subcommands. Each lives in its own file and registers itself with CLI11; its
// callback stores the process exit code in `exit_code` (0 ok, see spmis::exit_code_for).

#include <CLI/CLI.hpp>

#include <string_view>

#include "spmis/base/clock.hpp"
#include "spmis/base/status.hpp"

namespace spmis::store {
class Store;
}  // namespace spmis::store

namespace spmis::server {

// `import registry --data DIR FILE.csv`
void add_import_command(CLI::App& app, int& exit_code);

// `demo --data DIR [--households N] [--seed S]`
void add_demo_command(CLI::App& app, int& exit_code);

// program list|enroll --data DIR [--program CODE] [--reference-date D]
void add_program_command(CLI::App& app, int& exit_code);

// cycle create|generate|approve --data DIR ...
void add_cycle_command(CLI::App& app, int& exit_code);

// payment batch|export|import --data DIR ...
void add_payment_command(CLI::App& app, int& exit_code);

// serve --data DIR [--listen HOST:PORT] [--config FILE] ...
void add_serve_command(CLI::App& app, int& exit_code);

// user add --data DIR --username U --role ROLE (password on standard input)
void add_user_command(CLI::App& app, int& exit_code);

// device code --data DIR --service-point CODE... [--hours H]  (sync_commands.cpp)
void add_device_command(CLI::App& app, int& exit_code);
// import-bundle --data DIR FILE [--json]  (a field device's exported operations)
void add_import_bundle_command(CLI::App& app, int& exit_code);
// reconciliation list --data DIR [--type T] [--status S]
void add_reconciliation_command(CLI::App& app, int& exit_code);
// rule check --data DIR (--program ID | --expr CEL [--target T]) [--examples N] [--json]
void add_rule_command(CLI::App& app, int& exit_code);

// backup --data DIR --out FILE | backup verify FILE | restore --data DIR FILE (backup_command.cpp)
void add_backup_commands(CLI::App& app, int& exit_code);
// migrate-store --from DIR --to URL (migrate_store_command.cpp)
void add_migrate_store_command(CLI::App& app, int& exit_code);
// config check FILE (config_command.cpp)
void add_config_command(CLI::App& app, int& exit_code);

// entitlement expire --data DIR [--now YYYY-MM-DD]  (entitlement_command.cpp)
void add_entitlement_command(CLI::App& app, int& exit_code);
// Marks entitlements past their validity expired as of today (the server's start-up and hourly run).
Status expire_entitlements_now(store::Store& store);

// text-problems --data DIR  (text_problems_command.cpp)
void add_text_problems_command(CLI::App& app, int& exit_code);

// Sets the clock of this run from a setting (see clock_from_setting); main calls it once, before any
// command runs. kInvalidArgument for a setting that is not a clock.
Status configure_command_clock(std::string_view setting);
// The clock of this run (the system clock until configured). Thread-safe; lives until exit.
Clock& command_clock();

// Sets the database of this run's commands ("sqlite", the default: DATA_DIR/spmis.db; or a
// postgresql:// URL); main calls it once, before any command runs.
Status configure_command_database(std::string_view setting);
// Where a command's store is: the configured PostgreSQL database, or else the data directory. The
// data directory still holds the server's key either way.
std::string command_store_location(const std::string& data_dir);

// today: prints the date of command_clock() (scripts derive their dates from it).
void add_today_command(CLI::App& app, int& exit_code);

// Prints "error: <message>" to stderr and returns the exit code for the status.
int report_error(const Status& status);

}  // namespace spmis::server

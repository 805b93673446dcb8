// spmis-server: entry point. Each subcommand lives in its own file and registers itself here.

#include <CLI/CLI.hpp>

#include <iostream>

#include "commands/cel_eval_command.hpp"
#include "commands/commands.hpp"
#include "spmis/base/error_code.hpp"
#include "spmis/base/version.hpp"

#if defined(__SANITIZE_ADDRESS__)
// cpprest leaves pplx tasks of connections cut by listener.close() unfinished at exit; those are
// its own bookkeeping, not ours, and would turn a clean shutdown under ASan into exit code 23.
extern "C" const char* __lsan_default_suppressions() { return "leak:libcpprest.so\nleak:pplx::details::\n"; }
#endif

int main(int argc, char** argv) {
    CLI::App app{"spmis-server: the central server of the spmis social protection MIS"};
    app.set_version_flag("--version", std::string("spmis-server ") + spmis::kVersion);
    app.require_subcommand(0, 1);
    int exit_code = 0;
    // Time is an input: every store, service and route of the command reads this one clock.
    std::string clock_setting = "system";
    app.add_option("--clock", clock_setting,
                   "What time it is for this run: 'system', YYYY-MM-DD or an RFC 3339 time (runs forward "
                   "from there); for tests, demos and replays")
        ->envname("SPMIS_CLOCK");
    // Where the records are for every command but serve (whose configuration has `database`).
    std::string database_setting = "sqlite";
    app.add_option("--database", database_setting,
                   "'sqlite' (DATA_DIR/spmis.db) or the PostgreSQL URL (postgresql://user@host/db) of the "
                   "deployment's database")
        ->envname("SPMIS_DATABASE");
    app.parse_complete_callback([&] {
        spmis::Status s = spmis::server::configure_command_clock(clock_setting);
        if (!s.ok()) throw CLI::ValidationError("--clock", s.message());
        s = spmis::server::configure_command_database(database_setting);
        if (!s.ok()) throw CLI::ValidationError("--database", s.message());
    });
    spmis::server::add_serve_command(app, exit_code);
    spmis::server::add_user_command(app, exit_code);
    spmis::server::add_import_command(app, exit_code);
    spmis::server::add_demo_command(app, exit_code);
    spmis::server::add_program_command(app, exit_code);
    spmis::server::add_cycle_command(app, exit_code);
    spmis::server::add_payment_command(app, exit_code);
    spmis::server::add_entitlement_command(app, exit_code);
    spmis::server::add_device_command(app, exit_code);
    spmis::server::add_reconciliation_command(app, exit_code);
    spmis::server::add_rule_command(app, exit_code);
    spmis::server::add_import_bundle_command(app, exit_code);
    spmis::server::add_backup_commands(app, exit_code);
    spmis::server::add_migrate_store_command(app, exit_code);
    spmis::server::add_config_command(app, exit_code);
    spmis::server::add_today_command(app, exit_code);
    spmis::server::add_text_problems_command(app, exit_code);
    spmis::server::register_cel_command(app);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        // --help and --version exit 0; any usage error is "bad usage" (2), like bad input.
        return app.exit(e) == 0 ? 0 : spmis::exit_code_for(spmis::ErrorCode::kInvalidArgument);
    }
    if (app.get_subcommands().empty()) {
        std::cout << app.help();
    }
    return exit_code;
}

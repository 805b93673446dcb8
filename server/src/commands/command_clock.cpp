// The clock of one run of spmis-server: built once from --clock / SPMIS_CLOCK before any command
// runs, then handed to every store, service and route the command opens.

#include <iostream>

#include "commands/commands.hpp"
#include "spmis/base/clock_setting.hpp"

namespace spmis::server {
namespace {

std::unique_ptr<Clock>& configured() {
    static std::unique_ptr<Clock> clock;
    return clock;
}

}  // namespace

Status configure_command_clock(std::string_view setting) {
    SPMIS_ASSIGN_OR_RETURN(configured(), clock_from_setting(setting));
    return {};
}

Clock& command_clock() {
    if (!configured()) (void)configure_command_clock("system");
    return *configured();
}

void add_today_command(CLI::App& app, int& exit_code) {
    CLI::App* cmd = app.add_subcommand("today", "Print today's date (UTC) as this run's clock sees it");
    cmd->callback([&exit_code] {
        std::cout << format_date(date_of(command_clock().now())) << "\n";
        exit_code = 0;
    });
}

}  // namespace spmis::server

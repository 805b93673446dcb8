// spmis-server: entry point. Each subcommand lives in its own file and registers itself here.

#include <CLI/CLI.hpp>

#include <iostream>

#include "commands/cel_eval_command.hpp"
#include "spmis/base/version.hpp"

int main(int argc, char** argv) {
    CLI::App app{"spmis-server: the central server of the spmis social protection MIS"};
    app.set_version_flag("--version", std::string("spmis-server ") + spmis::kVersion);
    app.require_subcommand(0, 1);
    spmis::server::register_cel_command(app);
    CLI11_PARSE(app, argc, argv);
    if (app.get_subcommands().empty()) {
        std::cout << app.help();
    }
    return 0;
}

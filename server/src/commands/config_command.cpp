// spmis-server config check FILE: validates a configuration file and prints the effective values
// (file over defaults, with SPMIS_* environment variables applied as serve would), secrets masked.

#include <cstdlib>
#include <iostream>

#include "commands/commands.hpp"
#include "spmis/config/server_config.hpp"

namespace spmis::server {
namespace {

Status check(const std::string& file) {
    config::EffectiveConfig effective;
    SPMIS_RETURN_IF_ERROR(config::apply_file(file, effective));
    SPMIS_RETURN_IF_ERROR(
        config::apply_environment([](const char* name) { return std::getenv(name); }, effective));
    SPMIS_RETURN_IF_ERROR(config::validate(effective.values, false));
    std::cout << "# " << file << ": ok; effective values (command-line flags of serve still win)\n"
              << config::render(effective);
    return {};
}

}  // namespace

void add_config_command(CLI::App& app, int& exit_code) {
    CLI::App* config = app.add_subcommand("config", "Work with the configuration file");
    config->require_subcommand(1);
    auto file = std::make_shared<std::string>();
    CLI::App* check_cmd = config->add_subcommand("check", "Validate FILE and print the effective values");
    check_cmd->add_option("file", *file, "TOML configuration file")->required();
    check_cmd->callback([file, &exit_code] {
        const Status status = check(*file);
        exit_code = status.ok() ? 0 : report_error(status);
    });
}

}  // namespace spmis::server

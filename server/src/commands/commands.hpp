#pragma once
// Subcommands of spmis-server; each adds itself to the app and stores its exit code when run.

#include <CLI/CLI.hpp>

namespace spmis::server {

// serve --data DIR [--listen HOST:PORT] [--config FILE] ...
void add_serve_command(CLI::App& app, int& exit_code);

// user add --data DIR --username U --role ROLE (password on standard input)
void add_user_command(CLI::App& app, int& exit_code);

}  // namespace spmis::server

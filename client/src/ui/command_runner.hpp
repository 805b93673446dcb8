#pragma once
// Runs one spmis-field command exactly as the command line does (same parser, same functions, same
// rules) and collects its JSON answer: the one code path the screen's local API goes through.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "context.hpp"

namespace spmis::field {

struct CommandResult {
    int exit_code = 0;      // as the command line would exit (docs/field-client.md)
    nlohmann::json answer;  // the command's --json document
};

// Runs `args` (e.g. {"find", "Awa"}) in the home of `base` with --json and `officer`.
CommandResult run_command(const Context& base, const std::string& officer,
                          const std::vector<std::string>& args);

}  // namespace spmis::field

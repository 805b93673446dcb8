#pragma once
// `spmis-field ui`: the field officer's screen, served on 127.0.0.1 by spmis-field itself.

#include <CLI/CLI.hpp>

#include "context.hpp"

namespace spmis::field {

void add_ui(CLI::App& app, Context& ctx);

}  // namespace spmis::field

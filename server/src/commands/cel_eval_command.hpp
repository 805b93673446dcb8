#pragma once
// `spmis-server cel eval`: evaluates CEL expressions given as JSON lines on standard input.

#include <CLI/CLI.hpp>

#include <istream>
#include <ostream>

namespace spmis::server {

// Adds the `cel` command group (with `eval`) to the application.
void register_cel_command(CLI::App& app);

// Reads one JSON object per line ({"expr", "bindings"?, "container"?, "disable_check"?}) and
// writes one line per input: {"value": <typed value>} or {"error": "message"}. Returns the
// number of lines read.
std::size_t run_cel_eval(std::istream& in, std::ostream& out);

}  // namespace spmis::server

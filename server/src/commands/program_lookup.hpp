#pragma once
// Helpers shared by the program and cycle commands.

#include <string>

#include "spmis/model/program.hpp"
#include "spmis/store/store.hpp"

namespace spmis::server {

// The program with this code; kNotFound naming the code otherwise.
Result<model::Program> program_by_code(store::Store& store, const std::string& code);

// A date option (YYYY-MM-DD), or today (UTC) when empty; kInvalidArgument naming the option.
Result<Date> date_option(const std::string& text, const std::string& option);

// "1250.50" (major units, up to two decimals) -> 125050 minor units; kInvalidArgument otherwise.
Result<std::int64_t> parse_amount(const std::string& text);

}  // namespace spmis::server

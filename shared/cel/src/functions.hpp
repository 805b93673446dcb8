#pragma once
// The function library, looked up by name at compile time. Each family registers itself from
// its own file; overloads are chosen at run time by argument kinds.

#include <string_view>
#include <unordered_map>

#include "eval.hpp"

namespace spmis::cel {

using FunctionTable = std::unordered_map<std::string_view, Function>;

// The function bound to `name`, or nullptr when none exists.
Function find_function(std::string_view name);

void register_string_functions(FunctionTable* table);
void register_string_ext_functions(FunctionTable* table);
void register_string_format_functions(FunctionTable* table);
void register_conversion_functions(FunctionTable* table);
void register_time_functions(FunctionTable* table);
void register_list_functions(FunctionTable* table);
void register_openspp_functions(FunctionTable* table);
void register_encoder_functions(FunctionTable* table);
void register_optional_functions(FunctionTable* table);
void register_math_functions(FunctionTable* table);

}  // namespace spmis::cel

#pragma once
// The resolver turns a parsed tree into an executable one: identifiers become variable, local
// or logic-pack slots (or compile errors), calls become operators or bound functions, and
// qualified type names become type values.

#include <string>

#include "program_impl.hpp"

namespace spmis::cel {

struct ResolveError {
    std::uint32_t pos = 0;
    std::string message;
};

// Resolves impl->root in place (and any logic-pack variables it reaches). False on error.
bool resolve_program(ProgramImpl* impl, const CompileOptions& options, ResolveError* error);

}  // namespace spmis::cel

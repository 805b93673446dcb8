#pragma once
// CEL parser: tokens to an expression tree, with macros (has, all, exists, exists_one, map,
// filter, and the OpenSPP list forms) expanded. Recursion is bounded by
// tuning::kCelMaxNestingDepth, so hostile nesting gives an error instead of a stack overflow.

#include <string>
#include <string_view>

#include "ast.hpp"

namespace spmis::cel {

struct ParseError {
    std::uint32_t pos = 0;
    std::string message;
};

// Parses a whole expression; nullptr on failure with *error filled.
NodePtr parse(std::string_view source, ParseError* error);

}  // namespace spmis::cel

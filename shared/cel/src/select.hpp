#pragma once
// Field selection (`x.f`) and presence tests (`has(x.f)`) on maps and native objects.

#include "ast.hpp"

namespace spmis::cel {

// x.f where n.name is the field; target is not an error.
Value select_field(const Node& n, const Value& target);
// has(x.f) where n.name is the field; target is not an error.
Value has_field(const Node& n, const Value& target);

}  // namespace spmis::cel

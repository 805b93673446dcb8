#pragma once
// Field selection (`x.f`, `x.?f`) and presence tests (`has(x.f)`) on maps, native objects and
// optionals.

#include "ast.hpp"

namespace spmis::cel {

// x.f where n.name is the field; target is not an error.
Value select_field(const Node& n, const Value& target);
// has(x.f) where n.name is the field; target is not an error.
Value has_field(const Node& n, const Value& target);
// x.?f: optional.of(x.f) when the field is present, optional.none() when absent; x may itself be
// an optional (none stays none). Plain `x.f` on an optional x means the same.
Value select_optional_field(const Node& n, const Value& target);

}  // namespace spmis::cel

#pragma once
// Macro expansion at parse time: has(), the comprehension macros all, exists, exists_one, map,
// filter, their two-variable forms and transformList / transformMap (`x.all(i, v, p)`), the
// OpenSPP list forms count, sum, min, max, avg (`list.count(m, m.age < 5)`), the optional
// extension's optMap / optFlatMap and cel.bind(v, init, expr).

#include "ast.hpp"
#include "parser.hpp"

namespace spmis::cel {

// Returns `call` rewritten as a macro node when it is one, the call unchanged otherwise, or
// nullptr (with *error set and *failed true) when a macro is misused.
NodePtr expand_macro(NodePtr call, ParseError* error, bool* failed);

}  // namespace spmis::cel

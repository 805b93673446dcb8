#pragma once
// Evaluation of macro comprehensions (all, exists, exists_one, map, filter, and the OpenSPP
// aggregates count, sum, min, max, avg) without materialising intermediate lists.

#include "eval.hpp"

namespace spmis::cel {

// Evaluates an Op::kComprehension node: kids[0] the range, kids[1..] the step expressions.
Value eval_comprehension(const Node& n, EvalContext& ctx);

}  // namespace spmis::cel

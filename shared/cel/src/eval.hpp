#pragma once
// The tree-walking evaluator over resolved nodes.

#include <cstdint>
#include <vector>

#include "ast.hpp"

namespace spmis::cel {

struct ProgramImpl;

// Per-evaluation state: bound variables, comprehension locals and logic-variable memos.
struct EvalContext {
    const Value* bindings = nullptr;
    Value* locals = nullptr;
    Value* logic = nullptr;               // memoized logic-pack variables
    std::uint8_t* logic_state = nullptr;  // 0 not computed, 1 in progress, 2 done
    const ProgramImpl* program = nullptr;
    const Value* today = nullptr;  // the `today` binding, or nullptr
    std::uint64_t budget = 0;      // comprehension iterations left
};

// Evaluates a resolved node; errors come back as error values, never as exceptions.
Value eval(const Node& n, EvalContext& ctx);

// Standard error messages.
Value no_overload(const char* what);

}  // namespace spmis::cel

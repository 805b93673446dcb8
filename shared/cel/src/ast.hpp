#pragma once
// The expression tree. The parser builds it (ops kLiteral..kComprehension); the resolver then
// rewrites each node in place into an executable op (operators, variable slots, bound
// functions), so one structure serves both phases.

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "spmis/cel/value.hpp"

namespace spmis::cel {

struct EvalContext;
using Function = Value (*)(const Value* args, std::size_t n, EvalContext& ctx);

enum class Op : std::uint8_t {
    // Produced by the parser.
    kLiteral,
    kIdent,          // name
    kSelect,         // kids[0].name
    kHas,            // has(kids[0].name)
    kCall,           // name(kids...), receiver: kids[0] is the target
    kList,           // [kids...]
    kMap,            // {kids[0]: kids[1], ...}
    kComprehension,  // macro, see Macro
    kOptSelect,      // kids[0].?name (optional extension)
    kOptElement,     // `?kids[0]` as a list element or map value: left out when none
    // Produced by the resolver.
    kVariable,       // activation slot `slot`
    kLocal,          // comprehension variable `slot`
    kLogicVariable,  // logic-pack variable `slot`, evaluated once per activation
    kErrorNode,      // evaluates to an error (lenient undeclared identifiers)
    kAnd,            // n-ary
    kOr,             // n-ary
    kNot,
    kNeg,
    kCond,
    kAdd,
    kSub,
    kMul,
    kDiv,
    kMod,
    kEq,
    kNe,
    kLt,
    kLe,
    kGt,
    kGe,
    kIn,
    kIndex,
    kOptIndex,    // kids[0][?kids[1]]
    kOptOr,       // kids[0].or(kids[1]): kids[1] evaluated only when kids[0] is none
    kOptOrValue,  // kids[0].orValue(kids[1]): likewise
    kFunction,    // fn(kids...)
    kUnknownFunction,
};

enum class Macro : std::uint8_t {
    kAll,
    kExists,
    kExistsOne,
    kMap,
    kMapFilter,
    kFilter,
    kCount,
    kSum,
    kMin,
    kMax,
    kAvg,
    kOptMap,              // opt.optMap(v, expr)
    kOptFlatMap,          // opt.optFlatMap(v, expr returning an optional)
    kBind,                // cel.bind(v, init, expr): kids[0] init, kids[1] expr
    kTransformMap,        // x.transformMap(k, v, expr)
    kTransformMapFilter,  // x.transformMap(k, v, filter, expr)
};

struct Node {
    Op op = Op::kLiteral;
    std::uint32_t pos = 0;
    Value value;        // literal value, or error of kErrorNode
    std::string name;   // identifier, field, function or iteration variable
    std::string name2;  // second iteration variable of two-variable macros (`all(i, v, p)`), or ""
    std::vector<std::unique_ptr<Node>> kids;
    bool receiver = false;  // kCall written as target.name(...)
    Macro macro = Macro::kAll;
    std::uint32_t depth = 1;  // height of this subtree, bounded by the parser
    int slot = -1;            // kVariable / kLocal / kLogicVariable slot; iteration slot of comprehensions
    int slot2 = -1;           // slot of name2
    Function fn = nullptr;
    // kSelect on native objects: (type id << 32 | field index + 1), filled on first use.
    mutable std::atomic<std::uint64_t> field_cache{0};

    Node() = default;
    Node(Op o, std::uint32_t p) : op(o), pos(p) {}
};

using NodePtr = std::unique_ptr<Node>;

inline NodePtr make_node(Op op, std::uint32_t pos) { return std::make_unique<Node>(op, pos); }

}  // namespace spmis::cel

#include "macros.hpp"

#include <string_view>

namespace spmis::cel {
namespace {

struct MacroSpec {
    std::string_view name;
    Macro macro;
    std::size_t args;       // after the target
    bool two_vars = false;  // `list.all(i, v, p)`: index (or key) and element (or value)
};

constexpr MacroSpec kMacros[] = {
    {"all", Macro::kAll, 2},
    {"exists", Macro::kExists, 2},
    {"exists_one", Macro::kExistsOne, 2},
    {"existsOne", Macro::kExistsOne, 2},
    {"map", Macro::kMap, 2},
    {"map", Macro::kMapFilter, 3},
    {"filter", Macro::kFilter, 2},
    {"count", Macro::kCount, 2},
    {"sum", Macro::kSum, 2},
    {"min", Macro::kMin, 2},
    {"max", Macro::kMax, 2},
    {"avg", Macro::kAvg, 2},
    {"optMap", Macro::kOptMap, 2},
    {"optFlatMap", Macro::kOptFlatMap, 2},
    {"all", Macro::kAll, 3, true},
    {"exists", Macro::kExists, 3, true},
    {"existsOne", Macro::kExistsOne, 3, true},
    {"exists_one", Macro::kExistsOne, 3, true},
    {"transformList", Macro::kMap, 3, true},
    {"transformList", Macro::kMapFilter, 4, true},
    {"transformMap", Macro::kTransformMap, 3, true},
    {"transformMap", Macro::kTransformMapFilter, 4, true},
};

NodePtr fail(std::uint32_t pos, const char* msg, ParseError* error, bool* failed) {
    if (!*failed) {
        *failed = true;
        error->pos = pos;
        error->message = msg;
    }
    return nullptr;
}

NodePtr expand_has(NodePtr call, ParseError* error, bool* failed) {
    if (call->kids.size() != 1 || call->kids[0]->op != Op::kSelect) {
        return fail(call->pos, "has() macro needs a field selection, e.g. has(x.field)", error, failed);
    }
    NodePtr sel = std::move(call->kids[0]);
    sel->op = Op::kHas;
    return sel;
}

// cel.bind(v, init, expr): v is init within expr.
NodePtr expand_bind(NodePtr call, ParseError* error, bool* failed) {
    if (call->kids[1]->op != Op::kIdent) {
        return fail(call->kids[1]->pos, "the first argument of cel.bind must be a variable name", error,
                    failed);
    }
    NodePtr n = make_node(Op::kComprehension, call->pos);
    n->macro = Macro::kBind;
    n->name = call->kids[1]->name;
    n->depth = call->depth;
    n->kids.push_back(std::move(call->kids[2]));
    n->kids.push_back(std::move(call->kids[3]));
    return n;
}

bool is_bind(const Node& call) {
    return call.name == "bind" && call.kids.size() == 4 && call.kids[0]->op == Op::kIdent &&
           call.kids[0]->name == "cel";
}

NodePtr expand_comprehension(NodePtr call, const MacroSpec& spec, ParseError* error, bool* failed) {
    std::size_t vars = spec.two_vars ? 2 : 1;
    for (std::size_t k = 1; k <= vars; ++k) {
        if (call->kids[k]->op != Op::kIdent) {
            return fail(call->kids[k]->pos, "the first argument of a macro must be a variable name", error,
                        failed);
        }
    }
    if (spec.two_vars && call->kids[1]->name == call->kids[2]->name) {
        return fail(call->kids[2]->pos, "the two variables of a macro must have different names", error,
                    failed);
    }
    NodePtr n = make_node(Op::kComprehension, call->pos);
    n->macro = spec.macro;
    n->name = call->kids[1]->name;
    if (spec.two_vars) {
        n->name2 = call->kids[2]->name;
    }
    n->depth = call->depth;
    n->kids.push_back(std::move(call->kids[0]));
    for (std::size_t k = 1 + vars; k < call->kids.size(); ++k) {
        n->kids.push_back(std::move(call->kids[k]));
    }
    return n;
}

}  // namespace

NodePtr expand_macro(NodePtr call, ParseError* error, bool* failed) {
    if (!call) {
        return call;
    }
    if (!call->receiver) {
        return call->name == "has" ? expand_has(std::move(call), error, failed) : std::move(call);
    }
    if (is_bind(*call)) {
        return expand_bind(std::move(call), error, failed);
    }
    std::size_t args = call->kids.size() - 1;
    for (const MacroSpec& spec : kMacros) {
        if (spec.name == call->name && spec.args == args) {
            return expand_comprehension(std::move(call), spec, error, failed);
        }
    }
    return call;
}

}  // namespace spmis::cel

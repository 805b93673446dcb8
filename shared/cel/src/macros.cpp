#include "macros.hpp"

#include <string_view>

namespace spmis::cel {
namespace {

struct MacroSpec {
    std::string_view name;
    Macro macro;
    std::size_t args;  // after the target
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

}  // namespace

NodePtr expand_macro(NodePtr call, ParseError* error, bool* failed) {
    if (!call) {
        return call;
    }
    if (!call->receiver) {
        return call->name == "has" ? expand_has(std::move(call), error, failed) : std::move(call);
    }
    std::size_t args = call->kids.size() - 1;
    for (const MacroSpec& spec : kMacros) {
        if (spec.name != call->name || spec.args != args) {
            continue;
        }
        if (call->kids[1]->op != Op::kIdent) {
            return fail(call->kids[1]->pos, "the first argument of a macro must be a variable name", error,
                        failed);
        }
        NodePtr n = make_node(Op::kComprehension, call->pos);
        n->macro = spec.macro;
        n->name = call->kids[1]->name;
        n->depth = call->depth;
        n->kids.push_back(std::move(call->kids[0]));
        for (std::size_t k = 2; k < call->kids.size(); ++k) {
            n->kids.push_back(std::move(call->kids[k]));
        }
        return n;
    }
    return call;
}

}  // namespace spmis::cel

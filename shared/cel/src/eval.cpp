#include "eval.hpp"

#include "comprehension.hpp"
#include "operators.hpp"
#include "program_impl.hpp"
#include "select.hpp"
#include "spmis/cel/map_value.hpp"

namespace spmis::cel {
namespace {

constexpr std::size_t kInlineArgs = 4;

Value eval_and_or(const Node& n, EvalContext& ctx, bool is_and) {
    // `false && x` is false whatever x is (even an error), in either order; otherwise the first
    // error wins, then non-bool operands are an overload error.
    Value first_error;
    bool has_error = false;
    for (const auto& kid : n.kids) {
        Value v = eval(*kid, ctx);
        if (v.kind() == Kind::kBool) {
            if (v.as_bool() != is_and) {
                return v;
            }
        } else if (!has_error) {
            has_error = true;
            first_error = v.is_error() ? v : no_overload(is_and ? "_&&_" : "_||_");
        }
    }
    return has_error ? first_error : Value::boolean(is_and);
}

// A list element or map value; `?x` (kOptElement) yields its content, or nothing when none.
Value eval_entry(const Node& n, EvalContext& ctx, bool* absent) {
    if (n.op != Op::kOptElement) {
        return eval(n, ctx);
    }
    Value v = eval(*n.kids[0], ctx);
    if (v.is_error()) {
        return v;
    }
    if (v.kind() != Kind::kOptional) {
        return Value::error("no such overload: '?' entry needs an optional value, got " + type_name(v));
    }
    *absent = v.optional_value() == nullptr;
    return *absent ? v : *v.optional_value();
}

Value eval_list(const Node& n, EvalContext& ctx) {
    ListValue items;
    items.reserve(n.kids.size());
    for (const auto& kid : n.kids) {
        bool absent = false;
        Value v = eval_entry(*kid, ctx, &absent);
        if (v.is_error()) {
            return v;
        }
        if (!absent) {
            items.push_back(std::move(v));
        }
    }
    return Value::list(std::move(items));
}

Value eval_map(const Node& n, EvalContext& ctx) {
    std::vector<MapValue::Entry> entries;
    entries.reserve(n.kids.size() / 2);
    for (std::size_t i = 0; i + 1 < n.kids.size(); i += 2) {
        Value k = eval(*n.kids[i], ctx);
        if (k.is_error()) {
            return k;
        }
        bool absent = false;
        Value v = eval_entry(*n.kids[i + 1], ctx, &absent);
        if (v.is_error()) {
            return v;
        }
        if (!absent) {
            entries.emplace_back(std::move(k), std::move(v));
        }
    }
    return MapValue::make(std::move(entries));
}

Value eval_function(const Node& n, EvalContext& ctx) {
    std::size_t count = n.kids.size();
    Value inline_args[kInlineArgs];
    std::vector<Value> heap_args;
    Value* args = inline_args;
    if (count > kInlineArgs) {
        heap_args.resize(count);
        args = heap_args.data();
    }
    for (std::size_t i = 0; i < count; ++i) {
        args[i] = eval(*n.kids[i], ctx);
        if (args[i].is_error()) {
            return args[i];
        }
    }
    return n.fn(args, count, ctx);
}

Value eval_cond(const Node& n, EvalContext& ctx) {
    Value c = eval(*n.kids[0], ctx);
    if (c.kind() != Kind::kBool) {
        return c.is_error() ? c : no_overload("_?_:_");
    }
    return eval(*n.kids[c.as_bool() ? 1 : 2], ctx);
}

// opt.or(alternative) / opt.orValue(alternative): the alternative only when opt is none.
Value eval_optional_or(const Node& n, EvalContext& ctx) {
    bool is_or = n.op == Op::kOptOr;
    Value opt = eval(*n.kids[0], ctx);
    if (opt.is_error()) {
        return opt;
    }
    if (opt.kind() != Kind::kOptional) {
        return no_overload(is_or ? "or (expects an optional)" : "orValue (expects an optional)");
    }
    if (opt.optional_value() != nullptr) {
        return is_or ? opt : *opt.optional_value();
    }
    Value alternative = eval(*n.kids[1], ctx);
    if (is_or && !alternative.is_error() && alternative.kind() != Kind::kOptional) {
        return no_overload("or (expects two optionals)");
    }
    return alternative;
}

Value eval_logic_variable(const Node& n, EvalContext& ctx) {
    auto slot = static_cast<std::size_t>(n.slot);
    if (ctx.logic_state[slot] == 2) {
        return ctx.logic[slot];
    }
    ctx.logic[slot] = eval(*ctx.program->logic_nodes[slot], ctx);
    ctx.logic_state[slot] = 2;
    return ctx.logic[slot];
}

// Leaves (literals, locals, variables) are read in place instead of copied.
const Value& eval_ref(const Node& n, EvalContext& ctx, Value& tmp) {
    switch (n.op) {
        case Op::kLiteral: return n.value;
        case Op::kLocal: return ctx.locals[n.slot];
        case Op::kVariable: return ctx.bindings[n.slot];
        case Op::kSelect: {
            // `m.age`: select straight from a leaf without another trip through eval().
            Op target = n.kids[0]->op;
            if (target == Op::kLocal || target == Op::kVariable) {
                const Value& v =
                    target == Op::kLocal ? ctx.locals[n.kids[0]->slot] : ctx.bindings[n.kids[0]->slot];
                tmp = v.is_error() ? v : select_field(n, v);
                return tmp;
            }
            tmp = eval(n, ctx);
            return tmp;
        }
        default: tmp = eval(n, ctx); return tmp;
    }
}

template <typename F>
Value binary(const Node& n, EvalContext& ctx, F f) {
    Value ta;
    const Value& a = eval_ref(*n.kids[0], ctx, ta);
    if (a.is_error()) {
        return a;
    }
    Value tb;
    const Value& b = eval_ref(*n.kids[1], ctx, tb);
    if (b.is_error()) {
        return b;
    }
    return f(a, b);
}

// Ordering with an int-int fast path (the common `m.age < 5`).
Value ordering(const Node& n, EvalContext& ctx, char op) {
    return binary(n, ctx, [op](const Value& a, const Value& b) {
        if (a.kind() == Kind::kInt && b.kind() == Kind::kInt) {
            std::int64_t x = a.as_int();
            std::int64_t y = b.as_int();
            return Value::boolean(op == '<' ? x < y : op == 'l' ? x <= y : op == '>' ? x > y : x >= y);
        }
        if (a.kind() == Kind::kDouble && b.kind() == Kind::kDouble) {
            double x = a.as_double();
            double y = b.as_double();  // NaN compares false, as the spec wants
            return Value::boolean(op == '<' ? x < y : op == 'l' ? x <= y : op == '>' ? x > y : x >= y);
        }
        return op_compare(op, a, b);
    });
}

}  // namespace

Value no_overload(const char* what) { return Value::error(std::string("no such overload: ") + what); }

Value eval(const Node& n, EvalContext& ctx) {
    switch (n.op) {
        case Op::kLiteral:
        case Op::kErrorNode: return n.value;
        case Op::kVariable: return ctx.bindings[n.slot];
        case Op::kLocal: return ctx.locals[n.slot];
        case Op::kLogicVariable: return eval_logic_variable(n, ctx);
        case Op::kSelect: {
            Value tmp;
            const Value& target = eval_ref(*n.kids[0], ctx, tmp);
            return target.is_error() ? target : select_field(n, target);
        }
        case Op::kOptSelect: {
            Value target = eval(*n.kids[0], ctx);
            return target.is_error() ? target : select_optional_field(n, target);
        }
        case Op::kHas: {
            Value target = eval(*n.kids[0], ctx);
            return target.is_error() ? target : has_field(n, target);
        }
        case Op::kList: return eval_list(n, ctx);
        case Op::kMap: return eval_map(n, ctx);
        case Op::kComprehension: return eval_comprehension(n, ctx);
        case Op::kAnd: return eval_and_or(n, ctx, true);
        case Op::kOr: return eval_and_or(n, ctx, false);
        case Op::kNot: {
            Value v = eval(*n.kids[0], ctx);
            if (v.kind() == Kind::kBool) {
                return Value::boolean(!v.as_bool());
            }
            return v.is_error() ? v : no_overload("!_");
        }
        case Op::kNeg: {
            Value v = eval(*n.kids[0], ctx);
            return v.is_error() ? v : op_neg(v);
        }
        case Op::kCond: return eval_cond(n, ctx);
        case Op::kAdd: return binary(n, ctx, op_add);
        case Op::kSub: return binary(n, ctx, op_sub);
        case Op::kMul: return binary(n, ctx, op_mul);
        case Op::kDiv: return binary(n, ctx, op_div);
        case Op::kMod: return binary(n, ctx, op_mod);
        case Op::kEq:
            return binary(n, ctx,
                          [](const Value& a, const Value& b) { return Value::boolean(values_equal(a, b)); });
        case Op::kNe:
            return binary(n, ctx,
                          [](const Value& a, const Value& b) { return Value::boolean(!values_equal(a, b)); });
        case Op::kLt: return ordering(n, ctx, '<');
        case Op::kLe: return ordering(n, ctx, 'l');
        case Op::kGt: return ordering(n, ctx, '>');
        case Op::kGe: return ordering(n, ctx, 'g');
        case Op::kIn: return binary(n, ctx, op_in);
        case Op::kIndex: return binary(n, ctx, op_index);
        case Op::kOptIndex: return binary(n, ctx, op_optional_index);
        case Op::kOptOr:
        case Op::kOptOrValue: return eval_optional_or(n, ctx);
        case Op::kFunction: return eval_function(n, ctx);
        case Op::kUnknownFunction: return Value::error("no such overload: unknown function '" + n.name + "'");
        default: break;
    }
    return Value::error("internal: unresolved expression node");
}

}  // namespace spmis::cel

#include "comprehension.hpp"

#include "operators.hpp"
#include "spmis/cel/map_value.hpp"

namespace spmis::cel {
namespace {

Value budget_exceeded() {
    return Value::error("evaluation budget exceeded (too many comprehension iterations)");
}

// The elements iterated: list elements, map keys, or a native list (read without copying).
struct Range {
    const Value& v;
    const ObjectType* native = v.kind() == Kind::kObject ? v.object_type() : nullptr;
    std::size_t size() const { return v.kind() == Kind::kMap ? v.as_map().size() : list_size(v); }
    Value at(std::size_t i) const {
        if (native != nullptr) {
            return native->list_at(v.object_ptr(), i);
        }
        return v.kind() == Kind::kMap ? v.as_map().entries()[i].first : v.as_list()[i];
    }
    // Second variable of two-variable macros: the map's value, or the list element (the first
    // variable is then the index).
    Value second(std::size_t i) const {
        return v.kind() == Kind::kMap ? v.as_map().entries()[i].second : at(i);
    }
    Value first(std::size_t i) const {
        return v.kind() == Kind::kMap ? at(i) : Value::integer(static_cast<std::int64_t>(i));
    }
};

// Binds iteration i to the macro's variable(s) and charges it to the budget; false when the
// budget is spent.
bool step_to(const Node& n, EvalContext& ctx, const Range& r, std::size_t i) {
    if (ctx.budget == 0) {
        return false;
    }
    --ctx.budget;
    if (n.slot2 < 0) {
        ctx.locals[n.slot] = r.at(i);
    } else {
        ctx.locals[n.slot] = r.first(i);
        ctx.locals[n.slot2] = r.second(i);
    }
    return true;
}

Value quantifier(const Node& n, EvalContext& ctx, const Range& r, bool is_all) {
    Value error;
    bool has_error = false;
    for (std::size_t i = 0, size = r.size(); i < size; ++i) {
        if (!step_to(n, ctx, r, i)) {
            return budget_exceeded();
        }
        Value p = eval(*n.kids[1], ctx);
        if (p.kind() == Kind::kBool) {
            if (p.as_bool() != is_all) {
                return p;
            }
        } else if (!has_error) {
            has_error = true;
            error = p.is_error() ? p : no_overload(is_all ? "all" : "exists");
        }
    }
    return has_error ? error : Value::boolean(is_all);
}

// Calls `step(element, predicate_value)` for each element whose predicate holds; stops on error.
template <typename Step>
Value for_each_match(const Node& n, EvalContext& ctx, const Range& r, const char* what, Step step) {
    Value& var = ctx.locals[n.slot];
    for (std::size_t i = 0, size = r.size(); i < size; ++i) {
        if (!step_to(n, ctx, r, i)) {
            return budget_exceeded();
        }
        Value p = eval(*n.kids[1], ctx);
        if (p.kind() != Kind::kBool) {
            return p.is_error() ? p : no_overload(what);
        }
        if (p.as_bool()) {
            Value e = step(var);
            if (e.is_error()) {
                return e;
            }
        }
    }
    return {};
}

Value count_matches(const Node& n, EvalContext& ctx, const Range& r, bool exactly_one) {
    std::int64_t count = 0;
    Value e = for_each_match(n, ctx, r, exactly_one ? "exists_one" : "count", [&](const Value&) {
        ++count;
        return Value();
    });
    if (e.is_error()) {
        return e;
    }
    return exactly_one ? Value::boolean(count == 1) : Value::integer(count);
}

Value map_or_filter(const Node& n, EvalContext& ctx, const Range& r) {
    ListValue out;
    Value& var = ctx.locals[n.slot];
    for (std::size_t i = 0, size = r.size(); i < size; ++i) {
        if (!step_to(n, ctx, r, i)) {
            return budget_exceeded();
        }
        if (n.macro != Macro::kMap) {
            Value p = eval(*n.kids[1], ctx);
            if (p.kind() != Kind::kBool) {
                return p.is_error() ? p : no_overload("filter");
            }
            if (!p.as_bool()) {
                continue;
            }
        }
        if (n.macro == Macro::kFilter) {
            out.push_back(var);
            continue;
        }
        Value t = eval(*n.kids[n.macro == Macro::kMap ? 1 : 2], ctx);
        if (t.is_error()) {
            return t;
        }
        out.push_back(std::move(t));
    }
    return Value::list(std::move(out));
}

// x.transformMap(k, v, [filter,] expr): a map from each key (or list index) to expr.
Value transform_map(const Node& n, EvalContext& ctx, const Range& r) {
    bool filtered = n.macro == Macro::kTransformMapFilter;
    std::vector<MapValue::Entry> entries;
    for (std::size_t i = 0, size = r.size(); i < size; ++i) {
        if (!step_to(n, ctx, r, i)) {
            return budget_exceeded();
        }
        if (filtered) {
            Value p = eval(*n.kids[1], ctx);
            if (p.kind() != Kind::kBool) {
                return p.is_error() ? p : no_overload("transformMap filter");
            }
            if (!p.as_bool()) {
                continue;
            }
        }
        Value t = eval(*n.kids[filtered ? 2 : 1], ctx);
        if (t.is_error()) {
            return t;
        }
        entries.emplace_back(ctx.locals[n.slot], std::move(t));
    }
    return MapValue::make(std::move(entries));
}

// sum / min / max / avg of kids[1] over the range (OpenSPP aggregates).
Value aggregate(const Node& n, EvalContext& ctx, const Range& r) {
    Value acc;
    std::size_t size = r.size();
    if (size == 0) {
        return n.macro == Macro::kSum ? Value::integer(0) : Value::error("min/max/avg of an empty list");
    }
    for (std::size_t i = 0; i < size; ++i) {
        if (!step_to(n, ctx, r, i)) {
            return budget_exceeded();
        }
        Value x = eval(*n.kids[1], ctx);
        if (x.is_error()) {
            return x;
        }
        if (x.kind() != Kind::kInt && x.kind() != Kind::kUint && x.kind() != Kind::kDouble) {
            return no_overload("aggregate of a non-number");
        }
        if (i == 0) {
            acc = x;
        } else if (n.macro == Macro::kSum || n.macro == Macro::kAvg) {
            acc = acc.kind() == x.kind() ? op_add(acc, x) : Value::dbl(to_double(acc) + to_double(x));
        } else {
            Value less = op_compare('<', x, acc);
            if (less.kind() == Kind::kBool && less.as_bool() == (n.macro == Macro::kMin)) {
                acc = x;
            }
        }
        if (acc.is_error()) {
            return acc;
        }
    }
    if (n.macro == Macro::kAvg) {
        return Value::dbl(to_double(acc) / static_cast<double>(size));
    }
    return acc;
}

// opt.optMap(v, expr) is optional.of(expr) and opt.optFlatMap(v, expr) is expr (an optional),
// with v bound to the value; none stays none.
Value optional_macro(const Node& n, EvalContext& ctx, const Value& opt) {
    if (opt.kind() != Kind::kOptional) {
        return no_overload(n.macro == Macro::kOptMap ? "optMap (expects an optional)"
                                                     : "optFlatMap (expects an optional)");
    }
    if (opt.optional_value() == nullptr) {
        return opt;
    }
    ctx.locals[n.slot] = *opt.optional_value();
    Value result = eval(*n.kids[1], ctx);
    if (result.is_error()) {
        return result;
    }
    if (n.macro == Macro::kOptMap) {
        return Value::optional(std::move(result));
    }
    return result.kind() == Kind::kOptional ? result
                                            : no_overload("optFlatMap (expression must return an optional)");
}

}  // namespace

Value eval_comprehension(const Node& n, EvalContext& ctx) {
    Value range = eval(*n.kids[0], ctx);
    if (range.is_error()) {
        return range;
    }
    if (n.macro == Macro::kOptMap || n.macro == Macro::kOptFlatMap) {
        return optional_macro(n, ctx, range);
    }
    if (n.macro == Macro::kBind) {
        ctx.locals[n.slot] = std::move(range);
        return eval(*n.kids[1], ctx);
    }
    if (range.kind() != Kind::kMap && !is_list_like(range)) {
        return no_overload("comprehension over a value that is not a list or map");
    }
    Range r{range};
    switch (n.macro) {
        case Macro::kAll: return quantifier(n, ctx, r, true);
        case Macro::kExists: return quantifier(n, ctx, r, false);
        case Macro::kExistsOne: return count_matches(n, ctx, r, true);
        case Macro::kCount: return count_matches(n, ctx, r, false);
        case Macro::kMap:
        case Macro::kMapFilter:
        case Macro::kFilter: return map_or_filter(n, ctx, r);
        case Macro::kTransformMap:
        case Macro::kTransformMapFilter: return transform_map(n, ctx, r);
        default: return aggregate(n, ctx, r);
    }
}

}  // namespace spmis::cel

// The optional extension's functions: optional.of(x), optional.none(), optional.ofNonZeroValue(x),
// opt.hasValue(), opt.value(). The syntax (`x.?f`, `x[?k]`, `[?e]`, `{?k: v}`) is in the parser,
// the short-circuiting opt.or(b) / opt.orValue(b) in eval.cpp and the macros optMap /
// optFlatMap in comprehension.cpp.

#include "functions.hpp"
#include "spmis/cel/map_value.hpp"

namespace spmis::cel {
namespace {

bool is_optional(const Value* a, std::size_t n, std::size_t i) {
    return n > i && a[i].kind() == Kind::kOptional;
}

// The zero value of its type (what ofNonZeroValue turns into none).
bool is_zero_value(const Value& v) {
    switch (v.kind()) {
        case Kind::kNull: return true;
        case Kind::kBool: return !v.as_bool();
        case Kind::kInt: return v.as_int() == 0;
        case Kind::kUint: return v.as_uint() == 0;
        case Kind::kDouble: return v.as_double() == 0;
        case Kind::kString:
        case Kind::kBytes: return v.as_string().empty();
        case Kind::kMap: return v.as_map().size() == 0;
        case Kind::kTimestamp:
        case Kind::kDuration: return v.as_timestamp().seconds == 0 && v.as_timestamp().nanos == 0;
        case Kind::kOptional: return v.optional_value() == nullptr;
        default: return is_list_like(v) && list_size(v) == 0;
    }
}

Value fn_of(const Value* a, std::size_t n, EvalContext& /*ctx*/) {
    if (n != 1) return no_overload("optional.of (expects one argument)");
    return Value::optional(a[0]);
}

Value fn_none(const Value* /*a*/, std::size_t n, EvalContext& /*ctx*/) {
    if (n != 0) return no_overload("optional.none (expects no argument)");
    return Value::optional_none();
}

Value fn_of_non_zero_value(const Value* a, std::size_t n, EvalContext& /*ctx*/) {
    if (n != 1) return no_overload("optional.ofNonZeroValue (expects one argument)");
    return is_zero_value(a[0]) ? Value::optional_none() : Value::optional(a[0]);
}

Value fn_has_value(const Value* a, std::size_t n, EvalContext& /*ctx*/) {
    if (n != 1 || !is_optional(a, n, 0)) return no_overload("hasValue (expects an optional)");
    return Value::boolean(a[0].optional_value() != nullptr);
}

Value fn_value(const Value* a, std::size_t n, EvalContext& /*ctx*/) {
    if (n != 1 || !is_optional(a, n, 0)) return no_overload("value (expects an optional)");
    const Value* inner = a[0].optional_value();
    return inner != nullptr ? *inner : Value::error("optional.none() dereference");
}

}  // namespace

void register_optional_functions(FunctionTable* t) {
    (*t)["optional.of"] = fn_of;
    (*t)["optional.none"] = fn_none;
    (*t)["optional.ofNonZeroValue"] = fn_of_non_zero_value;
    (*t)["hasValue"] = fn_has_value;
    (*t)["value"] = fn_value;
}

}  // namespace spmis::cel

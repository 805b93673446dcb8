// Numeric aggregates as functions: [1, 2].sum(), xs.avg(), max(a, b), min(list).

#include "functions.hpp"
#include "operators.hpp"

namespace spmis::cel {
namespace {

bool is_number(const Value& v) {
    return v.kind() == Kind::kInt || v.kind() == Kind::kUint || v.kind() == Kind::kDouble;
}

// Folds the numbers of a list (one list argument) or of the arguments themselves.
template <typename Step>
Value fold(const Value* a, std::size_t n, const char* what, Step step, bool empty_ok) {
    std::vector<Value> items;
    if (n == 1 && is_list_like(a[0])) {
        for (std::size_t i = 0, size = list_size(a[0]); i < size; ++i) items.push_back(list_at(a[0], i));
    } else {
        items.assign(a, a + n);
    }
    if (items.empty()) {
        return empty_ok ? Value::integer(0) : Value::error(std::string(what) + " of an empty list");
    }
    Value acc = items[0];
    if (!is_number(acc)) return no_overload(what);
    for (std::size_t i = 1; i < items.size(); ++i) {
        if (!is_number(items[i])) return no_overload(what);
        acc = step(acc, items[i]);
        if (acc.is_error()) return acc;
    }
    return acc;
}

Value add_mixed(const Value& a, const Value& b) {
    return a.kind() == b.kind() ? op_add(a, b) : Value::dbl(to_double(a) + to_double(b));
}

Value fn_sum(const Value* a, std::size_t n, EvalContext& /*ctx*/) {
    return fold(a, n, "sum", add_mixed, true);
}

Value fn_avg(const Value* a, std::size_t n, EvalContext& /*ctx*/) {
    Value total = fold(a, n, "avg", add_mixed, false);
    if (total.is_error()) return total;
    std::size_t count = n == 1 && is_list_like(a[0]) ? list_size(a[0]) : n;
    return Value::dbl(to_double(total) / static_cast<double>(count));
}

Value fn_min(const Value* a, std::size_t n, EvalContext& /*ctx*/) {
    return fold(
        a, n, "min",
        [](const Value& x, const Value& y) {
            Value less = op_compare('<', y, x);
            return less.kind() == Kind::kBool && less.as_bool() ? y : x;
        },
        false);
}

Value fn_max(const Value* a, std::size_t n, EvalContext& /*ctx*/) {
    return fold(
        a, n, "max",
        [](const Value& x, const Value& y) {
            Value greater = op_compare('>', y, x);
            return greater.kind() == Kind::kBool && greater.as_bool() ? y : x;
        },
        false);
}

}  // namespace

void register_list_functions(FunctionTable* t) {
    (*t)["sum"] = fn_sum;
    (*t)["avg"] = fn_avg;
    (*t)["min"] = fn_min;
    (*t)["max"] = fn_max;
}

}  // namespace spmis::cel

// The cel-go math extension (ext:math): math.greatest / math.least over numbers of mixed kinds,
// double rounding (ceil, floor, round half away from zero, trunc), abs, sign, isNaN, isInf,
// isFinite, sqrt, and bit operations on int and uint (shifts are logical; offsets of 64 or more
// give 0, a negative offset is an error).

#include <cmath>
#include <cstdint>
#include <limits>

#include "functions.hpp"

namespace spmis::cel {
namespace {

bool is_number(const Value& v) {
    return v.kind() == Kind::kInt || v.kind() == Kind::kUint || v.kind() == Kind::kDouble;
}

// The greatest (or least) of the arguments, or of the elements of a single list argument; the
// winner keeps its own kind (math.greatest(1, 2.5) is the double 2.5).
Value extreme(const Value* a, std::size_t n, bool greatest) {
    const char* what = greatest ? "math.greatest" : "math.least";
    bool from_list = n == 1 && is_list_like(a[0]);
    std::size_t count = from_list ? list_size(a[0]) : n;
    if (count == 0) {
        return Value::error(std::string(what) + " needs at least one number");
    }
    Value best = from_list ? list_at(a[0], 0) : a[0];
    for (std::size_t i = 0; i < count; ++i) {
        Value x = from_list ? list_at(a[0], i) : a[i];
        if (!is_number(x)) {
            return no_overload((std::string(what) + " of a " + type_name(x)).c_str());
        }
        int c = compare_values(x, best);
        if ((greatest && c == 1) || (!greatest && c == -1)) {
            best = std::move(x);
        }
    }
    return best;
}

Value fn_greatest(const Value* a, std::size_t n, EvalContext& /*ctx*/) { return extreme(a, n, true); }
Value fn_least(const Value* a, std::size_t n, EvalContext& /*ctx*/) { return extreme(a, n, false); }

template <double (*F)(double)>
Value on_double(const Value* a, std::size_t n, const char* what) {
    if (n != 1 || a[0].kind() != Kind::kDouble) return no_overload(what);
    return Value::dbl(F(a[0].as_double()));
}

double round_half_away(double d) { return std::round(d); }
double ceil_of(double d) { return std::ceil(d); }
double floor_of(double d) { return std::floor(d); }
double trunc_of(double d) { return std::trunc(d); }

Value fn_ceil(const Value* a, std::size_t n, EvalContext& /*ctx*/) {
    return on_double<ceil_of>(a, n, "math.ceil");
}
Value fn_floor(const Value* a, std::size_t n, EvalContext& /*ctx*/) {
    return on_double<floor_of>(a, n, "math.floor");
}
Value fn_round(const Value* a, std::size_t n, EvalContext& /*ctx*/) {
    return on_double<round_half_away>(a, n, "math.round");
}
Value fn_trunc(const Value* a, std::size_t n, EvalContext& /*ctx*/) {
    return on_double<trunc_of>(a, n, "math.trunc");
}

Value fn_abs(const Value* a, std::size_t n, EvalContext& /*ctx*/) {
    if (n != 1) return no_overload("math.abs");
    switch (a[0].kind()) {
        case Kind::kUint: return a[0];
        case Kind::kDouble: return Value::dbl(std::fabs(a[0].as_double()));
        case Kind::kInt:
            if (a[0].as_int() == std::numeric_limits<std::int64_t>::min()) {
                return Value::error("math.abs: integer overflow");
            }
            return Value::integer(a[0].as_int() < 0 ? -a[0].as_int() : a[0].as_int());
        default: return no_overload("math.abs");
    }
}

Value fn_sign(const Value* a, std::size_t n, EvalContext& /*ctx*/) {
    if (n != 1) return no_overload("math.sign");
    switch (a[0].kind()) {
        case Kind::kUint: return Value::uinteger(a[0].as_uint() == 0 ? 0 : 1);
        case Kind::kInt: return Value::integer(a[0].as_int() > 0 ? 1 : a[0].as_int() < 0 ? -1 : 0);
        case Kind::kDouble: {
            double d = a[0].as_double();  // NaN and zeros are their own sign
            return Value::dbl(d > 0 ? 1.0 : d < 0 ? -1.0 : d);
        }
        default: return no_overload("math.sign");
    }
}

template <bool (*F)(double)>
Value double_test(const Value* a, std::size_t n, const char* what) {
    if (n != 1 || a[0].kind() != Kind::kDouble) return no_overload(what);
    return Value::boolean(F(a[0].as_double()));
}

bool nan_test(double d) { return std::isnan(d); }
bool inf_test(double d) { return std::isinf(d); }
bool finite_test(double d) { return std::isfinite(d); }

Value fn_is_nan(const Value* a, std::size_t n, EvalContext& /*ctx*/) {
    return double_test<nan_test>(a, n, "math.isNaN");
}
Value fn_is_inf(const Value* a, std::size_t n, EvalContext& /*ctx*/) {
    return double_test<inf_test>(a, n, "math.isInf");
}
Value fn_is_finite(const Value* a, std::size_t n, EvalContext& /*ctx*/) {
    return double_test<finite_test>(a, n, "math.isFinite");
}

Value fn_sqrt(const Value* a, std::size_t n, EvalContext& /*ctx*/) {
    if (n != 1 || !is_number(a[0])) return no_overload("math.sqrt");
    double d = a[0].kind() == Kind::kDouble ? a[0].as_double()
               : a[0].kind() == Kind::kInt  ? static_cast<double>(a[0].as_int())
                                            : static_cast<double>(a[0].as_uint());
    return Value::dbl(std::sqrt(d));
}

// Applies `op` to the bits of two ints or two uints (not mixed).
template <typename Op>
Value bitwise(const Value* a, std::size_t n, const char* what, Op op) {
    if (n != 2 || a[0].kind() != a[1].kind()) return no_overload(what);
    if (a[0].kind() == Kind::kInt) {
        return Value::integer(static_cast<std::int64_t>(
            op(static_cast<std::uint64_t>(a[0].as_int()), static_cast<std::uint64_t>(a[1].as_int()))));
    }
    if (a[0].kind() == Kind::kUint) return Value::uinteger(op(a[0].as_uint(), a[1].as_uint()));
    return no_overload(what);
}

Value fn_bit_and(const Value* a, std::size_t n, EvalContext& /*ctx*/) {
    return bitwise(a, n, "math.bitAnd", [](std::uint64_t x, std::uint64_t y) { return x & y; });
}
Value fn_bit_or(const Value* a, std::size_t n, EvalContext& /*ctx*/) {
    return bitwise(a, n, "math.bitOr", [](std::uint64_t x, std::uint64_t y) { return x | y; });
}
Value fn_bit_xor(const Value* a, std::size_t n, EvalContext& /*ctx*/) {
    return bitwise(a, n, "math.bitXor", [](std::uint64_t x, std::uint64_t y) { return x ^ y; });
}

Value fn_bit_not(const Value* a, std::size_t n, EvalContext& /*ctx*/) {
    if (n != 1) return no_overload("math.bitNot");
    if (a[0].kind() == Kind::kInt) return Value::integer(~a[0].as_int());
    if (a[0].kind() == Kind::kUint) return Value::uinteger(~a[0].as_uint());
    return no_overload("math.bitNot");
}

// Logical shift of an int's or uint's bits by an int offset.
Value shift(const Value* a, std::size_t n, bool left) {
    const char* what = left ? "math.bitShiftLeft" : "math.bitShiftRight";
    if (n != 2 || a[1].kind() != Kind::kInt || (a[0].kind() != Kind::kInt && a[0].kind() != Kind::kUint)) {
        return no_overload(what);
    }
    std::int64_t offset = a[1].as_int();
    if (offset < 0) return Value::error(std::string(what) + ": negative offset " + std::to_string(offset));
    bool is_int = a[0].kind() == Kind::kInt;
    std::uint64_t bits = is_int ? static_cast<std::uint64_t>(a[0].as_int()) : a[0].as_uint();
    std::uint64_t out = offset >= 64 ? 0 : left ? bits << offset : bits >> offset;
    return is_int ? Value::integer(static_cast<std::int64_t>(out)) : Value::uinteger(out);
}

Value fn_shift_left(const Value* a, std::size_t n, EvalContext& /*ctx*/) { return shift(a, n, true); }
Value fn_shift_right(const Value* a, std::size_t n, EvalContext& /*ctx*/) { return shift(a, n, false); }

}  // namespace

void register_math_functions(FunctionTable* t) {
    (*t)["math.greatest"] = fn_greatest;
    (*t)["math.least"] = fn_least;
    (*t)["math.ceil"] = fn_ceil;
    (*t)["math.floor"] = fn_floor;
    (*t)["math.round"] = fn_round;
    (*t)["math.trunc"] = fn_trunc;
    (*t)["math.abs"] = fn_abs;
    (*t)["math.sign"] = fn_sign;
    (*t)["math.isNaN"] = fn_is_nan;
    (*t)["math.isInf"] = fn_is_inf;
    (*t)["math.isFinite"] = fn_is_finite;
    (*t)["math.sqrt"] = fn_sqrt;
    (*t)["math.bitAnd"] = fn_bit_and;
    (*t)["math.bitOr"] = fn_bit_or;
    (*t)["math.bitXor"] = fn_bit_xor;
    (*t)["math.bitNot"] = fn_bit_not;
    (*t)["math.bitShiftLeft"] = fn_shift_left;
    (*t)["math.bitShiftRight"] = fn_shift_right;
}

}  // namespace spmis::cel

#include "operators.hpp"

#include <cmath>
#include <limits>

#include "eval.hpp"
#include "spmis/cel/map_value.hpp"
#include "spmis/cel/tuning.hpp"
#include "time_util.hpp"

namespace spmis::cel {
namespace {

Value overflow() { return Value::error("return error for overflow"); }

bool same(const Value& a, const Value& b, Kind k) { return a.kind() == k && b.kind() == k; }

Value too_large() { return Value::error("value too large"); }

Value concat_strings(const Value& a, const Value& b, bool bytes) {
    if (a.as_string().size() + b.as_string().size() > tuning::kCelMaxStringBytes) {
        return too_large();
    }
    return bytes ? Value::bytes(a.as_string() + b.as_string()) : Value::string(a.as_string() + b.as_string());
}

Value concat_lists(const Value& a, const Value& b) {
    ListValue out;
    std::size_t na = list_size(a);
    std::size_t nb = list_size(b);
    if (na + nb > tuning::kCelMaxListElements) {
        return too_large();
    }
    out.reserve(na + nb);
    for (std::size_t i = 0; i < na; ++i) {
        out.push_back(list_at(a, i));
    }
    for (std::size_t i = 0; i < nb; ++i) {
        out.push_back(list_at(b, i));
    }
    return Value::list(std::move(out));
}

// Converts an index operand to a position; doubles must be integral.
bool index_of(const Value& key, std::int64_t* out) {
    switch (key.kind()) {
        case Kind::kInt: *out = key.as_int(); return true;
        case Kind::kUint:
            if (key.as_uint() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
                *out = -1;
            } else {
                *out = static_cast<std::int64_t>(key.as_uint());
            }
            return true;
        case Kind::kDouble: {
            double d = key.as_double();
            if (std::trunc(d) != d || d < -9.2e18 || d > 9.2e18) {
                return false;
            }
            *out = static_cast<std::int64_t>(d);
            return true;
        }
        default: return false;
    }
}

}  // namespace

double to_double(const Value& v) {
    switch (v.kind()) {
        case Kind::kInt: return static_cast<double>(v.as_int());
        case Kind::kUint: return static_cast<double>(v.as_uint());
        default: return v.as_double();
    }
}

Value op_add(const Value& a, const Value& b) {
    if (same(a, b, Kind::kInt)) {
        std::int64_t r = 0;
        return __builtin_add_overflow(a.as_int(), b.as_int(), &r) ? overflow() : Value::integer(r);
    }
    if (same(a, b, Kind::kUint)) {
        std::uint64_t r = 0;
        return __builtin_add_overflow(a.as_uint(), b.as_uint(), &r) ? overflow() : Value::uinteger(r);
    }
    if (same(a, b, Kind::kDouble)) return Value::dbl(a.as_double() + b.as_double());
    if (same(a, b, Kind::kString)) return concat_strings(a, b, false);
    if (same(a, b, Kind::kBytes)) return concat_strings(a, b, true);
    if (is_list_like(a) && is_list_like(b)) return concat_lists(a, b);
    if (a.kind() == Kind::kTimestamp && b.kind() == Kind::kDuration) {
        return add_timestamp_duration(a.as_timestamp(), b.as_duration());
    }
    if (a.kind() == Kind::kDuration && b.kind() == Kind::kTimestamp) {
        return add_timestamp_duration(b.as_timestamp(), a.as_duration());
    }
    if (same(a, b, Kind::kDuration)) return add_durations(a.as_duration(), b.as_duration());
    return no_overload("_+_");
}

Value op_sub(const Value& a, const Value& b) {
    if (same(a, b, Kind::kInt)) {
        std::int64_t r = 0;
        return __builtin_sub_overflow(a.as_int(), b.as_int(), &r) ? overflow() : Value::integer(r);
    }
    if (same(a, b, Kind::kUint)) {
        std::uint64_t r = 0;
        return __builtin_sub_overflow(a.as_uint(), b.as_uint(), &r) ? overflow() : Value::uinteger(r);
    }
    if (same(a, b, Kind::kDouble)) return Value::dbl(a.as_double() - b.as_double());
    if (same(a, b, Kind::kTimestamp)) return sub_timestamps(a.as_timestamp(), b.as_timestamp());
    if (a.kind() == Kind::kTimestamp && b.kind() == Kind::kDuration) {
        return add_timestamp_duration(a.as_timestamp(), negate(b.as_duration()));
    }
    if (same(a, b, Kind::kDuration)) return add_durations(a.as_duration(), negate(b.as_duration()));
    return no_overload("_-_");
}

Value op_mul(const Value& a, const Value& b) {
    if (same(a, b, Kind::kInt)) {
        std::int64_t r = 0;
        return __builtin_mul_overflow(a.as_int(), b.as_int(), &r) ? overflow() : Value::integer(r);
    }
    if (same(a, b, Kind::kUint)) {
        std::uint64_t r = 0;
        return __builtin_mul_overflow(a.as_uint(), b.as_uint(), &r) ? overflow() : Value::uinteger(r);
    }
    if (same(a, b, Kind::kDouble)) return Value::dbl(a.as_double() * b.as_double());
    return no_overload("_*_");
}

Value op_div(const Value& a, const Value& b) {
    if (same(a, b, Kind::kInt)) {
        if (b.as_int() == 0) return Value::error("divide by zero");
        if (a.as_int() == std::numeric_limits<std::int64_t>::min() && b.as_int() == -1) return overflow();
        return Value::integer(a.as_int() / b.as_int());
    }
    if (same(a, b, Kind::kUint)) {
        if (b.as_uint() == 0) return Value::error("divide by zero");
        return Value::uinteger(a.as_uint() / b.as_uint());
    }
    if (same(a, b, Kind::kDouble)) return Value::dbl(a.as_double() / b.as_double());
    return no_overload("_/_");
}

Value op_mod(const Value& a, const Value& b) {
    if (same(a, b, Kind::kInt)) {
        if (b.as_int() == 0) return Value::error("modulus by zero");
        if (a.as_int() == std::numeric_limits<std::int64_t>::min() && b.as_int() == -1) return overflow();
        return Value::integer(a.as_int() % b.as_int());
    }
    if (same(a, b, Kind::kUint)) {
        if (b.as_uint() == 0) return Value::error("modulus by zero");
        return Value::uinteger(a.as_uint() % b.as_uint());
    }
    return no_overload("_%_");
}

Value op_neg(const Value& a) {
    if (a.kind() == Kind::kInt) {
        if (a.as_int() == std::numeric_limits<std::int64_t>::min()) return overflow();
        return Value::integer(-a.as_int());
    }
    if (a.kind() == Kind::kDouble) return Value::dbl(-a.as_double());
    if (a.kind() == Kind::kDuration) return Value::duration(negate(a.as_duration()));
    return no_overload("-_");
}

Value op_compare(char op, const Value& a, const Value& b) {
    int c = compare_values(a, b);
    if (c == 3) {
        return no_overload("comparison");
    }
    if (c == 2) {
        return Value::boolean(false);
    }
    switch (op) {
        case '<': return Value::boolean(c < 0);
        case 'l': return Value::boolean(c <= 0);
        case '>': return Value::boolean(c > 0);
        default: return Value::boolean(c >= 0);
    }
}

Value op_in(const Value& elem, const Value& container) {
    if (container.kind() == Kind::kMap) {
        return Value::boolean(container.as_map().find(elem) != nullptr);
    }
    if (is_list_like(container)) {
        for (std::size_t i = 0, n = list_size(container); i < n; ++i) {
            if (values_equal(elem, list_at(container, i))) {
                return Value::boolean(true);
            }
        }
        return Value::boolean(false);
    }
    return no_overload("@in");
}

Value op_index(const Value& container, const Value& key) {
    if (container.kind() == Kind::kMap) {
        const Value* v = container.as_map().find(key);
        if (v != nullptr) {
            return *v;
        }
        return Value::error("no such key");
    }
    if (is_list_like(container)) {
        std::int64_t i = 0;
        if (!index_of(key, &i)) {
            return Value::error("invalid_argument: list index must be an integer");
        }
        if (i < 0 || static_cast<std::size_t>(i) >= list_size(container)) {
            return Value::error("invalid_argument: index out of range: " + std::to_string(i));
        }
        return list_at(container, static_cast<std::size_t>(i));
    }
    if (container.kind() == Kind::kOptional) {
        return op_optional_index(container, key);
    }
    return no_overload("_[_]");
}

Value op_optional_index(const Value& container, const Value& key) {
    if (container.kind() == Kind::kOptional) {
        const Value* inner = container.optional_value();
        return inner == nullptr ? container : op_optional_index(*inner, key);
    }
    if (container.kind() == Kind::kMap) {
        const Value* v = container.as_map().find(key);
        return v != nullptr ? Value::optional(*v) : Value::optional_none();
    }
    if (is_list_like(container)) {
        std::int64_t i = 0;
        if (!index_of(key, &i)) {
            return Value::error("invalid_argument: list index must be an integer");
        }
        if (i < 0 || static_cast<std::size_t>(i) >= list_size(container)) {
            return Value::optional_none();
        }
        return Value::optional(list_at(container, static_cast<std::size_t>(i)));
    }
    return no_overload("_[?_]");
}

}  // namespace spmis::cel

// Equality and ordering of CEL values, including the spec's heterogeneous numeric rules.

#include <cmath>
#include <cstring>

#include "spmis/cel/map_value.hpp"
#include "spmis/cel/value.hpp"

namespace spmis::cel {
namespace {

bool is_number(Kind k) { return k == Kind::kInt || k == Kind::kUint || k == Kind::kDouble; }

template <typename T>
int sign_of(T a, T b) {
    return a < b ? -1 : (b < a ? 1 : 0);
}

int compare_int_uint(std::int64_t a, std::uint64_t b) {
    if (a < 0) {
        return -1;
    }
    return sign_of(static_cast<std::uint64_t>(a), b);
}

// int or uint vs double compares as doubles, as cel-go does (the conformance suite expects
// 9223372036854775807 and 9223372036854775808.0 to be equal for ordering).
int compare_as_double(double a, double b) {
    if (std::isnan(a) || std::isnan(b)) {
        return 2;
    }
    return sign_of(a, b);
}

int compare_int_double(std::int64_t a, double b) { return compare_as_double(static_cast<double>(a), b); }

int compare_uint_double(std::uint64_t a, double b) { return compare_as_double(static_cast<double>(a), b); }

int negate(int c) { return (c == -1 || c == 1) ? -c : c; }

int compare_numbers(const Value& a, const Value& b) {
    switch (a.kind()) {
        case Kind::kInt:
            if (b.kind() == Kind::kInt) return sign_of(a.as_int(), b.as_int());
            if (b.kind() == Kind::kUint) return compare_int_uint(a.as_int(), b.as_uint());
            return compare_int_double(a.as_int(), b.as_double());
        case Kind::kUint:
            if (b.kind() == Kind::kUint) return sign_of(a.as_uint(), b.as_uint());
            if (b.kind() == Kind::kInt) return negate(compare_int_uint(b.as_int(), a.as_uint()));
            return compare_uint_double(a.as_uint(), b.as_double());
        default:
            if (b.kind() == Kind::kDouble) {
                if (std::isnan(a.as_double()) || std::isnan(b.as_double())) return 2;
                return sign_of(a.as_double(), b.as_double());
            }
            if (b.kind() == Kind::kInt) return negate(compare_int_double(b.as_int(), a.as_double()));
            return negate(compare_uint_double(b.as_uint(), a.as_double()));
    }
}

int compare_time(std::int64_t as, std::int32_t an, std::int64_t bs, std::int32_t bn) {
    return as != bs ? sign_of(as, bs) : sign_of(an, bn);
}

bool lists_equal(const Value& a, const Value& b) {
    std::size_t n = list_size(a);
    if (n != list_size(b)) {
        return false;
    }
    for (std::size_t i = 0; i < n; ++i) {
        if (!values_equal(list_at(a, i), list_at(b, i))) {
            return false;
        }
    }
    return true;
}

bool maps_equal(const MapValue& a, const MapValue& b) {
    if (a.size() != b.size()) {
        return false;
    }
    for (const auto& [k, v] : a.entries()) {
        const Value* other = b.find(k);
        if (other == nullptr || !values_equal(v, *other)) {
            return false;
        }
    }
    return true;
}

// Two nones are equal; a none never equals a value; two values compare as their contents.
bool optionals_equal(const Value& a, const Value& b) {
    const Value* x = a.optional_value();
    const Value* y = b.optional_value();
    return x == nullptr || y == nullptr ? x == y : values_equal(*x, *y);
}

}  // namespace

bool values_equal(const Value& a, const Value& b) {
    if (is_number(a.kind()) && is_number(b.kind())) {
        return compare_numbers(a, b) == 0;
    }
    if (is_list_like(a) && is_list_like(b)) {
        return lists_equal(a, b);
    }
    if (a.kind() != b.kind()) {
        return false;
    }
    switch (a.kind()) {
        case Kind::kNull: return true;
        case Kind::kBool: return a.as_bool() == b.as_bool();
        case Kind::kString:
        case Kind::kBytes:
        case Kind::kType: return a.as_string() == b.as_string();
        case Kind::kMap: return maps_equal(a.as_map(), b.as_map());
        case Kind::kTimestamp:
        case Kind::kDuration:
            return a.as_timestamp().seconds == b.as_timestamp().seconds &&
                   a.as_timestamp().nanos == b.as_timestamp().nanos;
        case Kind::kObject: return a.object_type() == b.object_type() && a.object_ptr() == b.object_ptr();
        case Kind::kOptional: return optionals_equal(a, b);
        default: return false;
    }
}

int compare_values(const Value& a, const Value& b) {
    if (is_number(a.kind()) && is_number(b.kind())) {
        return compare_numbers(a, b);
    }
    if (a.kind() != b.kind()) {
        return 3;
    }
    switch (a.kind()) {
        case Kind::kBool: return sign_of(a.as_bool(), b.as_bool());
        case Kind::kString:
        case Kind::kBytes: {
            int c = a.as_string().compare(b.as_string());
            return c < 0 ? -1 : (c > 0 ? 1 : 0);
        }
        case Kind::kTimestamp:
        case Kind::kDuration: {
            auto x = a.as_timestamp();
            auto y = b.as_timestamp();
            return compare_time(x.seconds, x.nanos, y.seconds, y.nanos);
        }
        default: return 3;
    }
}

}  // namespace spmis::cel

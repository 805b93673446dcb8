// int, uint, double, string, bytes, bool, type, dyn, timestamp, duration.

#include <charconv>
#include <cmath>
#include <cstdlib>

#include "format_double.hpp"
#include "functions.hpp"
#include "time_util.hpp"
#include "utf8.hpp"

namespace spmis::cel {
namespace {

Value range_error() { return Value::error("range error"); }
Value conversion_error(const char* to, const Value& v) {
    return Value::error(std::string("Type conversion error: cannot convert ") + type_name(v) + " to " + to);
}

template <typename T>
bool parse_whole(const std::string& s, T* out) {
    auto res = std::from_chars(s.data(), s.data() + s.size(), *out);
    return res.ec == std::errc() && res.ptr == s.data() + s.size();
}

Value fn_int(const Value* a, std::size_t n, EvalContext& /*ctx*/) {
    if (n != 1) return no_overload("int");
    const Value& v = a[0];
    switch (v.kind()) {
        case Kind::kInt: return v;
        case Kind::kUint:
            if (v.as_uint() > static_cast<std::uint64_t>(INT64_MAX)) return range_error();
            return Value::integer(static_cast<std::int64_t>(v.as_uint()));
        case Kind::kDouble: {
            double d = v.as_double();
            if (std::isnan(d) || d <= -9223372036854775808.0 || d >= 9223372036854775808.0)
                return range_error();
            return Value::integer(static_cast<std::int64_t>(d));
        }
        case Kind::kString: {
            std::int64_t out = 0;
            if (!parse_whole(v.as_string(), &out)) return conversion_error("int", v);
            return Value::integer(out);
        }
        case Kind::kTimestamp: return Value::integer(v.as_timestamp().seconds);
        default: return no_overload("int");
    }
}

Value fn_uint(const Value* a, std::size_t n, EvalContext& /*ctx*/) {
    if (n != 1) return no_overload("uint");
    const Value& v = a[0];
    switch (v.kind()) {
        case Kind::kUint: return v;
        case Kind::kInt:
            if (v.as_int() < 0) return range_error();
            return Value::uinteger(static_cast<std::uint64_t>(v.as_int()));
        case Kind::kDouble: {
            double d = v.as_double();
            if (std::isnan(d) || d < 0 || d >= 18446744073709551616.0) return range_error();
            return Value::uinteger(static_cast<std::uint64_t>(d));
        }
        case Kind::kString: {
            std::uint64_t out = 0;
            if (!parse_whole(v.as_string(), &out)) return conversion_error("uint", v);
            return Value::uinteger(out);
        }
        default: return no_overload("uint");
    }
}

Value fn_double(const Value* a, std::size_t n, EvalContext& /*ctx*/) {
    if (n != 1) return no_overload("double");
    const Value& v = a[0];
    switch (v.kind()) {
        case Kind::kDouble: return v;
        case Kind::kInt: return Value::dbl(static_cast<double>(v.as_int()));
        case Kind::kUint: return Value::dbl(static_cast<double>(v.as_uint()));
        case Kind::kString: {
            const std::string& s = v.as_string();
            char* end = nullptr;
            double d = std::strtod(s.c_str(), &end);
            if (s.empty() || end != s.c_str() + s.size()) return conversion_error("double", v);
            return Value::dbl(d);
        }
        default: return no_overload("double");
    }
}

Value fn_string(const Value* a, std::size_t n, EvalContext& /*ctx*/) {
    if (n != 1) return no_overload("string");
    const Value& v = a[0];
    switch (v.kind()) {
        case Kind::kString: return v;
        case Kind::kInt: return Value::string(std::to_string(v.as_int()));
        case Kind::kUint: return Value::string(std::to_string(v.as_uint()));
        case Kind::kDouble: return Value::string(format_double(v.as_double()));
        case Kind::kBool: return Value::string(v.as_bool() ? "true" : "false");
        case Kind::kBytes: {
            std::size_t bad = 0;
            if (!valid_utf8(v.as_string(), &bad)) return Value::error("invalid UTF-8 in bytes");
            return Value::string(v.as_string());
        }
        case Kind::kTimestamp: return Value::string(format_timestamp(v.as_timestamp()));
        case Kind::kDuration: return Value::string(format_duration(v.as_duration()));
        default: return no_overload("string");
    }
}

Value fn_bytes(const Value* a, std::size_t n, EvalContext& /*ctx*/) {
    if (n != 1) return no_overload("bytes");
    if (a[0].kind() == Kind::kBytes) return a[0];
    if (a[0].kind() == Kind::kString) return Value::bytes(a[0].as_string());
    return no_overload("bytes");
}

Value fn_bool(const Value* a, std::size_t n, EvalContext& /*ctx*/) {
    if (n != 1) return no_overload("bool");
    if (a[0].kind() == Kind::kBool) return a[0];
    if (a[0].kind() != Kind::kString) return no_overload("bool");
    const std::string& s = a[0].as_string();
    if (s == "1" || s == "t" || s == "T" || s == "true" || s == "TRUE" || s == "True")
        return Value::boolean(true);
    if (s == "0" || s == "f" || s == "F" || s == "false" || s == "FALSE" || s == "False") {
        return Value::boolean(false);
    }
    return conversion_error("bool", a[0]);
}

Value fn_type(const Value* a, std::size_t n, EvalContext& /*ctx*/) {
    if (n != 1) return no_overload("type");
    return Value::type(type_name(a[0]));
}

Value fn_dyn(const Value* a, std::size_t n, EvalContext& /*ctx*/) {
    return n == 1 ? a[0] : no_overload("dyn");
}

Value fn_timestamp(const Value* a, std::size_t n, EvalContext& /*ctx*/) {
    if (n != 1) return no_overload("timestamp");
    switch (a[0].kind()) {
        case Kind::kTimestamp: return a[0];
        case Kind::kString: return parse_timestamp(a[0].as_string());
        case Kind::kInt: return make_timestamp(a[0].as_int(), 0);
        default: return no_overload("timestamp");
    }
}

Value fn_duration(const Value* a, std::size_t n, EvalContext& /*ctx*/) {
    if (n != 1) return no_overload("duration");
    switch (a[0].kind()) {
        case Kind::kDuration: return a[0];
        case Kind::kString: return parse_duration(a[0].as_string());
        case Kind::kInt: return make_duration(a[0].as_int(), 0);
        default: return no_overload("duration");
    }
}

}  // namespace

void register_conversion_functions(FunctionTable* t) {
    (*t)["int"] = fn_int;
    (*t)["uint"] = fn_uint;
    (*t)["double"] = fn_double;
    (*t)["string"] = fn_string;
    (*t)["bytes"] = fn_bytes;
    (*t)["bool"] = fn_bool;
    (*t)["type"] = fn_type;
    (*t)["dyn"] = fn_dyn;
    (*t)["timestamp"] = fn_timestamp;
    (*t)["duration"] = fn_duration;
}

}  // namespace spmis::cel

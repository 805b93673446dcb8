// The strings extension's "template %s".format([args]) and strings.quote(s), after cel-go:
// clauses %s %d %f %e %b %o %x %X and %%, with an optional precision for %f and %e ("%.2f",
// 6 by default). Doubles print NaN, Infinity and -Infinity for the special values; %s prints
// lists as [a, b] and maps as {k: v} with entries sorted by the key's text.

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "format_double.hpp"
#include "functions.hpp"
#include "spmis/cel/map_value.hpp"
#include "spmis/cel/tuning.hpp"
#include "time_util.hpp"

namespace spmis::cel {
namespace {

constexpr const char* kStringClauseKinds =
    "strings, bools, bytes, ints, doubles, maps, lists, types, durations, and timestamps";

// Text of NaN and the infinities, or "" for a finite double.
std::string special_double(double d) {
    if (std::isnan(d)) return "NaN";
    if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
    return "";
}

bool append_text(const Value& v, std::string* out, std::uint32_t depth, std::string* error);

bool append_list_text(const Value& v, std::string* out, std::uint32_t depth, std::string* error) {
    out->push_back('[');
    for (std::size_t i = 0, n = list_size(v); i < n; ++i) {
        if (i > 0) out->append(", ");
        if (!append_text(list_at(v, i), out, depth + 1, error)) return false;
    }
    out->push_back(']');
    return true;
}

bool append_map_text(const MapValue& m, std::string* out, std::uint32_t depth, std::string* error) {
    std::vector<std::pair<std::string, std::string>> entries;
    for (const auto& [k, val] : m.entries()) {
        std::string key;
        std::string value;
        if (!append_text(k, &key, depth + 1, error) || !append_text(val, &value, depth + 1, error))
            return false;
        entries.emplace_back(std::move(key), std::move(value));
    }
    std::sort(entries.begin(), entries.end());
    out->push_back('{');
    for (std::size_t i = 0; i < entries.size(); ++i) {
        out->append(i > 0 ? ", " : "").append(entries[i].first).append(": ").append(entries[i].second);
    }
    out->push_back('}');
    return true;
}

// The %s text of a value; false (with *error) for kinds %s does not print.
bool append_text(const Value& v, std::string* out, std::uint32_t depth, std::string* error) {
    if (depth > tuning::kCelMaxTreeHeight || out->size() > tuning::kCelMaxStringBytes) {
        *error = "value too large to format";
        return false;
    }
    switch (v.kind()) {
        case Kind::kNull: out->append("null"); return true;
        case Kind::kBool: out->append(v.as_bool() ? "true" : "false"); return true;
        case Kind::kInt: out->append(std::to_string(v.as_int())); return true;
        case Kind::kUint: out->append(std::to_string(v.as_uint())); return true;
        case Kind::kDouble: {
            std::string special = special_double(v.as_double());
            out->append(special.empty() ? format_double(v.as_double()) : special);
            return true;
        }
        case Kind::kString:
        case Kind::kBytes:
        case Kind::kType: out->append(v.as_string()); return true;
        case Kind::kTimestamp: out->append(format_timestamp(v.as_timestamp())); return true;
        case Kind::kDuration: out->append(format_duration(v.as_duration())); return true;
        case Kind::kMap: return append_map_text(v.as_map(), out, depth, error);
        default: break;
    }
    if (is_list_like(v)) return append_list_text(v, out, depth, error);
    *error = std::string("string clause can only be used on ") + kStringClauseKinds + ", was given " +
             type_name(v);
    return false;
}

// Digits of an int or uint in base 2, 8 or 16, with a '-' for negative ints.
std::string in_base(const Value& v, unsigned base, bool upper) {
    bool negative = v.kind() == Kind::kInt && v.as_int() < 0;
    std::uint64_t mag = v.kind() == Kind::kUint ? v.as_uint()
                        : negative              ? 0 - static_cast<std::uint64_t>(v.as_int())
                                                : static_cast<std::uint64_t>(v.as_int());
    const char* digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    std::string out;
    do {
        out.push_back(digits[mag % base]);
        mag /= base;
    } while (mag != 0);
    if (negative) out.push_back('-');
    std::reverse(out.begin(), out.end());
    return out;
}

bool is_integer(const Value& v) { return v.kind() == Kind::kInt || v.kind() == Kind::kUint; }

std::string hex_of_bytes(const std::string& raw, bool upper) {
    const char* digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    std::string out;
    for (unsigned char c : raw) {
        out.push_back(digits[c >> 4]);
        out.push_back(digits[c & 15]);
    }
    return out;
}

// %f and %e of a number.
bool append_floating(char verb, int precision, const Value& v, std::string* out, std::string* error) {
    if (!is_integer(v) && v.kind() != Kind::kDouble) {
        *error = std::string(verb == 'f' ? "fixed-point" : "scientific") +
                 " clause can only be used on doubles, was given " + type_name(v);
        return false;
    }
    double d = v.kind() == Kind::kDouble ? v.as_double()
               : v.kind() == Kind::kInt  ? static_cast<double>(v.as_int())
                                         : static_cast<double>(v.as_uint());
    std::string special = special_double(d);
    if (!special.empty()) {
        out->append(special);
        return true;
    }
    const char* spec = verb == 'f' ? "%.*f" : "%.*e";
    int size = std::snprintf(nullptr, 0, spec, precision, d);
    std::string text(static_cast<std::size_t>(size) + 1, '\0');
    std::snprintf(text.data(), text.size(), spec, precision, d);
    text.pop_back();
    out->append(text);
    return true;
}

bool append_clause(char verb, int precision, const Value& v, std::string* out, std::string* error) {
    switch (verb) {
        case 's': return append_text(v, out, 0, error);
        case 'f':
        case 'e': return append_floating(verb, precision, v, out, error);
        case 'd':
            if (is_integer(v)) return out->append(in_base(v, 10, false)), true;
            if (v.kind() == Kind::kDouble && !special_double(v.as_double()).empty()) {
                return out->append(special_double(v.as_double())), true;
            }
            *error = "decimal clause can only be used on integers, was given " + type_name(v);
            return false;
        case 'b':
            if (v.kind() == Kind::kBool) return out->append(v.as_bool() ? "1" : "0"), true;
            if (is_integer(v)) return out->append(in_base(v, 2, false)), true;
            *error = "only integers and bools can be formatted as binary, was given " + type_name(v);
            return false;
        case 'o':
            if (is_integer(v)) return out->append(in_base(v, 8, false)), true;
            *error = "octal clause can only be used on integers, was given " + type_name(v);
            return false;
        default: break;
    }
    bool upper = verb == 'X';
    if (is_integer(v)) return out->append(in_base(v, 16, upper)), true;
    if (v.kind() == Kind::kString || v.kind() == Kind::kBytes) {
        return out->append(hex_of_bytes(v.as_string(), upper)), true;
    }
    *error = "only integers, byte buffers, and strings can be formatted as hex, was given " + type_name(v);
    return false;
}

// Reads "[.digits]verb" at text[*i]; false with *error on a malformed clause.
bool parse_clause(const std::string& text, std::size_t* i, char* verb, int* precision, std::string* error) {
    *precision = 6;
    if (*i < text.size() && text[*i] == '.') {
        ++*i;
        std::size_t start = *i;
        int p = 0;
        while (*i < text.size() && text[*i] >= '0' && text[*i] <= '9' &&
               p <= tuning::kCelMaxFormatPrecision) {
            p = p * 10 + (text[*i] - '0');
            ++*i;
        }
        if (*i == start || p > tuning::kCelMaxFormatPrecision) {
            *error = "could not parse formatting clause: precision missing or larger than " +
                     std::to_string(tuning::kCelMaxFormatPrecision);
            return false;
        }
        *precision = p;
    }
    std::string_view verbs = "sdfeboxX";
    if (*i >= text.size() || verbs.find(text[*i]) == std::string_view::npos) {
        std::string got = *i < text.size() ? std::string(1, text[*i]) : "";
        *error = "could not parse formatting clause: unrecognized formatting clause \"" + got + "\"";
        return false;
    }
    *verb = text[(*i)++];
    return true;
}

Value fn_format(const Value* a, std::size_t n, EvalContext& /*ctx*/) {
    if (n != 2 || a[0].kind() != Kind::kString || !is_list_like(a[1])) {
        return no_overload("format (expects a string and a list)");
    }
    const std::string& text = a[0].as_string();
    std::string out;
    std::string error;
    std::size_t next_arg = 0;
    for (std::size_t i = 0; i < text.size();) {
        if (text[i] != '%') {
            out.push_back(text[i++]);
            continue;
        }
        if (++i < text.size() && text[i] == '%') {
            out.push_back(text[i++]);
            continue;
        }
        char verb = 0;
        int precision = 0;
        if (!parse_clause(text, &i, &verb, &precision, &error)) return Value::error(error);
        if (next_arg >= list_size(a[1])) {
            return Value::error("index " + std::to_string(next_arg) + " out of range");
        }
        if (!append_clause(verb, precision, list_at(a[1], next_arg++), &out, &error)) {
            return Value::error("error during formatting: " + error);
        }
        if (out.size() > tuning::kCelMaxStringBytes) return Value::error("value too large");
    }
    return Value::string(std::move(out));
}

Value fn_quote(const Value* a, std::size_t n, EvalContext& /*ctx*/) {
    if (n != 1 || a[0].kind() != Kind::kString) return no_overload("strings.quote (expects a string)");
    std::string out = "\"";
    for (char c : a[0].as_string()) {
        switch (c) {
            case '\a': out += "\\a"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            case '\v': out += "\\v"; break;
            case '\\': out += "\\\\"; break;
            case '"': out += "\\\""; break;
            default: out.push_back(c);
        }
    }
    out.push_back('"');
    return Value::string(std::move(out));
}

}  // namespace

void register_string_format_functions(FunctionTable* t) {
    (*t)["format"] = fn_format;
    (*t)["strings.quote"] = fn_quote;
}

}  // namespace spmis::cel

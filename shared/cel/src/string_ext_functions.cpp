// Part of the cel-go strings extension (ext:strings): charAt, indexOf, lastIndexOf, lowerAscii,
// upperAscii, replace, split, substring, trim, join, reverse. Positions count code points.
// Not implemented: format, quote.

#include <algorithm>
#include <cstdint>
#include <vector>

#include "functions.hpp"
#include "spmis/cel/tuning.hpp"
#include "utf8.hpp"

namespace spmis::cel {
namespace {

using CodePoints = std::vector<std::uint32_t>;

CodePoints decode(const std::string& s) {
    CodePoints out;
    for (std::size_t i = 0; i < s.size();) {
        auto c = static_cast<unsigned char>(s[i]);
        std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        std::uint32_t cp = len == 1 ? c : len == 2 ? (c & 0x1FU) : len == 3 ? (c & 0x0FU) : (c & 0x07U);
        for (std::size_t k = 1; k < len && i + k < s.size(); ++k) {
            cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3FU);
        }
        out.push_back(cp);
        i += len;
    }
    return out;
}

std::string encode(CodePoints::const_iterator first, CodePoints::const_iterator last) {
    std::string out;
    for (auto it = first; it != last; ++it) {
        append_utf8(*it, &out);
    }
    return out;
}

Value index_error(std::int64_t i) { return Value::error("index out of range: " + std::to_string(i)); }

bool is_string(const Value* a, std::size_t n, std::size_t i) { return n > i && a[i].kind() == Kind::kString; }
bool is_int(const Value* a, std::size_t n, std::size_t i) { return n > i && a[i].kind() == Kind::kInt; }

Value fn_char_at(const Value* a, std::size_t n, EvalContext& /*ctx*/) {
    if (n != 2 || !is_string(a, n, 0) || !is_int(a, n, 1)) return no_overload("charAt");
    CodePoints cps = decode(a[0].as_string());
    std::int64_t i = a[1].as_int();
    if (i < 0 || static_cast<std::size_t>(i) > cps.size()) return index_error(i);
    auto at = cps.begin() + i;
    return Value::string(static_cast<std::size_t>(i) == cps.size() ? "" : encode(at, at + 1));
}

Value index_of(const Value* a, std::size_t n, bool last) {
    const char* what = last ? "lastIndexOf" : "indexOf";
    if (n < 2 || n > 3 || !is_string(a, n, 0) || !is_string(a, n, 1) || (n == 3 && !is_int(a, n, 2))) {
        return no_overload(what);
    }
    CodePoints text = decode(a[0].as_string());
    CodePoints sub = decode(a[1].as_string());
    auto size = static_cast<std::int64_t>(text.size());
    std::int64_t start = n == 3 ? a[2].as_int() : (last ? size : 0);
    if (start < 0 || start > size) return index_error(start);
    auto m = static_cast<std::int64_t>(sub.size());
    if (!last) {
        auto it = std::search(text.begin() + start, text.end(), sub.begin(), sub.end());
        return Value::integer(it == text.end() && m > 0 ? -1 : it - text.begin());
    }
    for (std::int64_t i = std::min(start, size - m); i >= 0; --i) {
        if (std::equal(sub.begin(), sub.end(), text.begin() + i)) return Value::integer(i);
    }
    return Value::integer(-1);
}

Value fn_index_of(const Value* a, std::size_t n, EvalContext& /*ctx*/) { return index_of(a, n, false); }
Value fn_last_index_of(const Value* a, std::size_t n, EvalContext& /*ctx*/) { return index_of(a, n, true); }

Value ascii_case(const Value* a, std::size_t n, bool upper) {
    if (n != 1 || !is_string(a, n, 0)) return no_overload(upper ? "upperAscii" : "lowerAscii");
    std::string s = a[0].as_string();
    for (char& c : s) {
        if (upper && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        if (!upper && c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return Value::string(std::move(s));
}

Value fn_lower_ascii(const Value* a, std::size_t n, EvalContext& /*ctx*/) { return ascii_case(a, n, false); }
Value fn_upper_ascii(const Value* a, std::size_t n, EvalContext& /*ctx*/) { return ascii_case(a, n, true); }

Value fn_replace(const Value* a, std::size_t n, EvalContext& /*ctx*/) {
    if (n < 3 || n > 4 || !is_string(a, n, 0) || !is_string(a, n, 1) || !is_string(a, n, 2) ||
        (n == 4 && !is_int(a, n, 3))) {
        return no_overload("replace");
    }
    const std::string& s = a[0].as_string();
    const std::string& from = a[1].as_string();
    const std::string& to = a[2].as_string();
    std::int64_t limit = n == 4 ? a[3].as_int() : -1;
    if (from.empty() || limit == 0) return a[0];
    std::string out;
    std::size_t pos = 0;
    for (std::int64_t done = 0; limit < 0 || done < limit; ++done) {
        std::size_t hit = s.find(from, pos);
        if (hit == std::string::npos) break;
        out.append(s, pos, hit - pos).append(to);
        pos = hit + from.size();
        if (out.size() > tuning::kCelMaxStringBytes) return Value::error("value too large");
    }
    return Value::string(out.append(s, pos, std::string::npos));
}

Value fn_split(const Value* a, std::size_t n, EvalContext& /*ctx*/) {
    if (n < 2 || n > 3 || !is_string(a, n, 0) || !is_string(a, n, 1) || (n == 3 && !is_int(a, n, 2))) {
        return no_overload("split");
    }
    const std::string& s = a[0].as_string();
    const std::string& sep = a[1].as_string();
    std::int64_t limit = n == 3 ? a[2].as_int() : -1;
    ListValue out;
    if (limit == 0) return Value::list(std::move(out));
    if (sep.empty()) {
        CodePoints cps = decode(s);
        for (std::size_t i = 0; i < cps.size(); ++i) {
            bool rest = limit > 0 && static_cast<std::int64_t>(out.size()) == limit - 1;
            auto from = cps.begin() + static_cast<std::ptrdiff_t>(i);
            out.push_back(Value::string(encode(from, rest ? cps.end() : from + 1)));
            if (rest) break;
        }
        return Value::list(std::move(out));
    }
    std::size_t pos = 0;
    while (limit < 0 || static_cast<std::int64_t>(out.size()) < limit - 1) {
        std::size_t hit = s.find(sep, pos);
        if (hit == std::string::npos) break;
        out.push_back(Value::string(s.substr(pos, hit - pos)));
        pos = hit + sep.size();
    }
    out.push_back(Value::string(s.substr(pos)));
    return Value::list(std::move(out));
}

Value fn_substring(const Value* a, std::size_t n, EvalContext& /*ctx*/) {
    if (n < 2 || n > 3 || !is_string(a, n, 0) || !is_int(a, n, 1) || (n == 3 && !is_int(a, n, 2))) {
        return no_overload("substring");
    }
    CodePoints cps = decode(a[0].as_string());
    auto size = static_cast<std::int64_t>(cps.size());
    std::int64_t start = a[1].as_int();
    std::int64_t end = n == 3 ? a[2].as_int() : size;
    if (start < 0 || start > size) return index_error(start);
    if (end < start || end > size) return index_error(end);
    return Value::string(encode(cps.begin() + start, cps.begin() + end));
}

// Unicode White_Space as Go's unicode.IsSpace sees it.
bool is_space(std::uint32_t c) {
    return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 ||
           (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
           c == 0x3000;
}

Value fn_trim(const Value* a, std::size_t n, EvalContext& /*ctx*/) {
    if (n != 1 || !is_string(a, n, 0)) return no_overload("trim");
    CodePoints cps = decode(a[0].as_string());
    auto first = std::find_if_not(cps.begin(), cps.end(), is_space);
    auto last = std::find_if_not(cps.rbegin(), std::make_reverse_iterator(first), is_space).base();
    return Value::string(encode(first, last));
}

Value fn_join(const Value* a, std::size_t n, EvalContext& /*ctx*/) {
    if (n < 1 || n > 2 || !is_list_like(a[0]) || (n == 2 && !is_string(a, n, 1))) return no_overload("join");
    std::string out;
    for (std::size_t i = 0, size = list_size(a[0]); i < size; ++i) {
        Value e = list_at(a[0], i);
        if (e.kind() != Kind::kString) return no_overload("join of a non-string element");
        if (i > 0 && n == 2) out += a[1].as_string();
        out += e.as_string();
        if (out.size() > tuning::kCelMaxStringBytes) return Value::error("value too large");
    }
    return Value::string(std::move(out));
}

Value fn_reverse(const Value* a, std::size_t n, EvalContext& /*ctx*/) {
    if (n != 1 || !is_string(a, n, 0)) return no_overload("reverse");
    CodePoints cps = decode(a[0].as_string());
    std::reverse(cps.begin(), cps.end());
    return Value::string(encode(cps.begin(), cps.end()));
}

}  // namespace

void register_string_ext_functions(FunctionTable* t) {
    (*t)["charAt"] = fn_char_at;
    (*t)["indexOf"] = fn_index_of;
    (*t)["lastIndexOf"] = fn_last_index_of;
    (*t)["lowerAscii"] = fn_lower_ascii;
    (*t)["upperAscii"] = fn_upper_ascii;
    (*t)["replace"] = fn_replace;
    (*t)["split"] = fn_split;
    (*t)["substring"] = fn_substring;
    (*t)["trim"] = fn_trim;
    (*t)["join"] = fn_join;
    (*t)["reverse"] = fn_reverse;
}

}  // namespace spmis::cel

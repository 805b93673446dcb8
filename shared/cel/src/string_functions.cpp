// size, contains, startsWith, endsWith, matches.

#include <re2/re2.h>

#include <list>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "functions.hpp"
#include "spmis/cel/map_value.hpp"
#include "spmis/cel/tuning.hpp"
#include "utf8.hpp"

namespace spmis::cel {
namespace {

bool two_strings(const Value* a, std::size_t n) {
    return n == 2 && a[0].kind() == Kind::kString && a[1].kind() == Kind::kString;
}

Value fn_size(const Value* a, std::size_t n, EvalContext& /*ctx*/) {
    if (n != 1) return no_overload("size");
    switch (a[0].kind()) {
        case Kind::kString: return Value::integer(static_cast<std::int64_t>(utf8_length(a[0].as_string())));
        case Kind::kBytes: return Value::integer(static_cast<std::int64_t>(a[0].as_string().size()));
        case Kind::kMap: return Value::integer(static_cast<std::int64_t>(a[0].as_map().size()));
        default:
            if (is_list_like(a[0])) return Value::integer(static_cast<std::int64_t>(list_size(a[0])));
            return no_overload("size");
    }
}

Value fn_contains(const Value* a, std::size_t n, EvalContext& /*ctx*/) {
    if (!two_strings(a, n)) return no_overload("contains");
    return Value::boolean(a[0].as_string().find(a[1].as_string()) != std::string::npos);
}

Value fn_starts_with(const Value* a, std::size_t n, EvalContext& /*ctx*/) {
    if (!two_strings(a, n)) return no_overload("startsWith");
    return Value::boolean(a[0].as_string().rfind(a[1].as_string(), 0) == 0);
}

Value fn_ends_with(const Value* a, std::size_t n, EvalContext& /*ctx*/) {
    if (!two_strings(a, n)) return no_overload("endsWith");
    const std::string& s = a[0].as_string();
    const std::string& suffix = a[1].as_string();
    return Value::boolean(s.size() >= suffix.size() &&
                          s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0);
}

// Compiled patterns shared by all evaluations; bounded so hostile rules cannot grow it forever.
std::shared_ptr<const RE2> compiled_regex(const std::string& pattern) {
    static std::mutex mu;
    static std::unordered_map<std::string, std::shared_ptr<const RE2>> cache;
    std::lock_guard<std::mutex> lock(mu);
    auto it = cache.find(pattern);
    if (it != cache.end()) {
        return it->second;
    }
    RE2::Options options;
    options.set_log_errors(false);
    auto re = std::make_shared<const RE2>(pattern, options);
    if (cache.size() >= tuning::kCelRegexCacheSize) {
        cache.clear();
    }
    cache.emplace(pattern, re);
    return re;
}

Value fn_matches(const Value* a, std::size_t n, EvalContext& /*ctx*/) {
    if (!two_strings(a, n)) return no_overload("matches");
    auto re = compiled_regex(a[1].as_string());
    if (!re->ok()) {
        return Value::error("invalid regular expression: " + re->error());
    }
    return Value::boolean(RE2::PartialMatch(a[0].as_string(), *re));
}

}  // namespace

void register_string_functions(FunctionTable* t) {
    (*t)["size"] = fn_size;
    (*t)["contains"] = fn_contains;
    (*t)["startsWith"] = fn_starts_with;
    (*t)["endsWith"] = fn_ends_with;
    (*t)["matches"] = fn_matches;
}

}  // namespace spmis::cel

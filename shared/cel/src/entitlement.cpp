#include "spmis/cel/entitlement.hpp"

#include <charconv>
#include <cmath>
#include <string_view>

#include "spmis/cel/tuning.hpp"

namespace spmis::cel {
namespace {

constexpr std::int64_t kPow10[] = {1,       10,        100,        1000,        10'000,
                                   100'000, 1'000'000, 10'000'000, 100'000'000, 1'000'000'000};

Status rule_error(const std::string& why) { return {ErrorCode::kRuleError, "entitlement: " + why}; }

// Rounds the shortest decimal text of d (so 2.345 is seen as written, not as 2.34499...) half
// away from zero to `decimals` digits and returns it scaled by 10^decimals.
Result<std::int64_t> round_decimal(double d, int decimals) {
    char buf[400];
    auto res = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::fixed);
    if (res.ec != std::errc()) return rule_error("amount out of range");
    std::string_view text(buf, static_cast<std::size_t>(res.ptr - buf));
    std::size_t dot = text.find('.');
    std::string_view whole = text.substr(0, dot);
    std::string_view frac = dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
    std::int64_t out = 0;
    auto push_digit = [&out](char c) {
        return !__builtin_mul_overflow(out, 10, &out) && !__builtin_add_overflow(out, c - '0', &out);
    };
    for (char c : whole) {
        if (!push_digit(c)) return rule_error("amount out of range");
    }
    for (int k = 0; k < decimals; ++k) {
        if (!push_digit(static_cast<std::size_t>(k) < frac.size() ? frac[static_cast<std::size_t>(k)]
                                                                  : '0')) {
            return rule_error("amount out of range");
        }
    }
    if (static_cast<std::size_t>(decimals) < frac.size() && frac[static_cast<std::size_t>(decimals)] >= '5' &&
        __builtin_add_overflow(out, 1, &out)) {
        return rule_error("amount out of range");
    }
    return out;
}

}  // namespace

Result<std::int64_t> to_fixed_point(const Value& v, int decimals) {
    if (decimals < 0 || decimals > 9) {
        return Status(ErrorCode::kInvalidArgument, "decimals must be within 0..9");
    }
    std::int64_t scale = kPow10[decimals];
    std::int64_t out = 0;
    switch (v.kind()) {
        case Kind::kInt:
            if (v.as_int() < 0) return rule_error("negative amount " + std::to_string(v.as_int()));
            if (__builtin_mul_overflow(v.as_int(), scale, &out)) return rule_error("amount out of range");
            return out;
        case Kind::kUint:
            if (v.as_uint() > static_cast<std::uint64_t>(INT64_MAX) / static_cast<std::uint64_t>(scale)) {
                return rule_error("amount out of range");
            }
            return static_cast<std::int64_t>(v.as_uint()) * scale;
        case Kind::kDouble: {
            double d = v.as_double();
            if (std::isnan(d) || std::isinf(d)) return rule_error("amount is not a finite number");
            if (d < 0) return rule_error("negative amount");
            if (d == 0) return std::int64_t{0};
            return round_decimal(d, decimals);
        }
        case Kind::kError: return rule_error(v.message());
        default: return rule_error("rule returned " + type_name(v) + ", not a number");
    }
}

Result<Money> to_money(const Value& result, const std::string& currency, int decimals) {
    SPMIS_ASSIGN_OR_RETURN(std::int64_t minor, to_fixed_point(result, decimals));
    return Money{minor, currency};
}

EntitlementBatch evaluate_entitlements(const Program& rule, std::span<const HouseholdRecord> households,
                                       const RegistrantBinder& binder, int decimals) {
    EntitlementBatch out;
    int slot = rule.variable_index("group");
    int today_slot = rule.variable_index("today");
    if (slot < 0 || slot > 1 || today_slot > 1) {
        out.errored = households.size();
        out.first_errors.push_back({Uuid(), "rule must be compiled with variables {group, today}"});
        return out;
    }
    Value bindings[2];
    if (today_slot >= 0) {
        bindings[today_slot] = binder.today();
    }
    for (const HouseholdRecord& h : households) {
        bindings[slot] = binder.group(h);
        auto units = to_fixed_point(rule.evaluate(std::span<const Value>(bindings, 2)), decimals);
        if (units.ok()) {
            out.amounts.push_back({h.id, *units});
            continue;
        }
        ++out.errored;
        if (out.first_errors.size() < tuning::kCelBatchMaxReportedErrors) {
            out.first_errors.push_back({h.id, units.status().message()});
        }
    }
    return out;
}

}  // namespace spmis::cel

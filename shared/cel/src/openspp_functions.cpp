// The OpenSPP compatibility library: age_years, years_ago, months_ago, days_ago, between,
// head, has_role, has_tag, in_area_tree. Dates are relative to the `today` binding.

#include "functions.hpp"
#include "operators.hpp"
#include "spmis/cel/map_value.hpp"
#include "time_util.hpp"

namespace spmis::cel {
namespace {

// Field `name` of an object or map value; an error value when absent.
Value member_field(const Value& v, std::string_view name) {
    if (v.kind() == Kind::kMap) {
        const Value* f = v.as_map().find_string(name);
        return f != nullptr ? *f : Value::error("no such key: '" + std::string(name) + "'");
    }
    if (v.kind() == Kind::kObject && !v.object_type()->is_list()) {
        int index = v.object_type()->field_index(name);
        if (index >= 0) return v.object_type()->field(v.object_ptr(), index);
    }
    return Value::error("no such field: '" + std::string(name) + "'");
}

Value today_of(EvalContext& ctx) {
    if (ctx.today == nullptr || ctx.today->kind() != Kind::kTimestamp) {
        return Value::error("this function needs `today` bound to a timestamp");
    }
    return *ctx.today;
}

struct Ymd {
    std::int64_t y;
    unsigned m;
    unsigned d;
};

Ymd ymd_of(Timestamp t) {
    std::int64_t days = t.seconds >= 0 ? t.seconds / 86400 : (t.seconds - 86399) / 86400;
    Ymd r{};
    civil_from_days(days, &r.y, &r.m, &r.d);
    return r;
}

// Midnight UTC of a date, clamping the day to the month's length (29 Feb -> 28 Feb).
Value midnight(std::int64_t y, std::int64_t m, unsigned d) {
    y += (m - 1 >= 0 ? (m - 1) / 12 : (m - 12) / 12);
    m = ((m - 1) % 12 + 12) % 12 + 1;
    static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    unsigned last = m == 2 && leap ? 29 : kDays[m - 1];
    return make_timestamp(days_from_civil(y, static_cast<unsigned>(m), std::min(d, last)) * 86400, 0);
}

Value fn_age_years(const Value* a, std::size_t n, EvalContext& ctx) {
    if (n != 1 || a[0].kind() != Kind::kTimestamp) return no_overload("age_years");
    Value today = today_of(ctx);
    if (today.is_error()) return today;
    Ymd b = ymd_of(a[0].as_timestamp());
    Ymd t = ymd_of(today.as_timestamp());
    std::int64_t age = t.y - b.y - ((t.m < b.m || (t.m == b.m && t.d < b.d)) ? 1 : 0);
    return Value::integer(age);
}

Value shifted(const Value* a, std::size_t n, EvalContext& ctx, const char* what, int unit) {
    if (n != 1 || a[0].kind() != Kind::kInt) return no_overload(what);
    Value today = today_of(ctx);
    if (today.is_error()) return today;
    std::int64_t k = a[0].as_int();
    if (k < -1'000'000 || k > 1'000'000) return Value::error("range error");
    Ymd t = ymd_of(today.as_timestamp());
    if (unit == 0) return midnight(t.y - k, t.m, t.d);
    if (unit == 1) return midnight(t.y, static_cast<std::int64_t>(t.m) - k, t.d);
    return make_timestamp((days_from_civil(t.y, t.m, t.d) - k) * 86400, 0);
}

Value fn_years_ago(const Value* a, std::size_t n, EvalContext& ctx) {
    return shifted(a, n, ctx, "years_ago", 0);
}
Value fn_months_ago(const Value* a, std::size_t n, EvalContext& ctx) {
    return shifted(a, n, ctx, "months_ago", 1);
}
Value fn_days_ago(const Value* a, std::size_t n, EvalContext& ctx) {
    return shifted(a, n, ctx, "days_ago", 2);
}

Value fn_between(const Value* a, std::size_t n, EvalContext& /*ctx*/) {
    if (n != 3) return no_overload("between");
    Value lo = op_compare('g', a[0], a[1]);
    if (lo.is_error() || !lo.as_bool()) return lo;
    return op_compare('l', a[0], a[2]);
}

Value fn_has_role(const Value* a, std::size_t n, EvalContext& /*ctx*/) {
    if (n != 2 || a[1].kind() != Kind::kString) return no_overload("has_role");
    Value role = member_field(a[0], "role");
    if (role.is_error()) return role;
    return Value::boolean(role.kind() == Kind::kString && role.as_string() == a[1].as_string());
}

Value fn_head(const Value* a, std::size_t n, EvalContext& /*ctx*/) {
    if (n != 1 || !is_list_like(a[0])) return no_overload("head");
    for (std::size_t i = 0, size = list_size(a[0]); i < size; ++i) {
        Value m = list_at(a[0], i);
        Value role = member_field(m, "role");
        if (role.kind() == Kind::kString && role.as_string() == "head") return m;
    }
    return Value::null();
}

// True when list field `field` of `subject` contains the string `x`.
Value list_field_contains(const Value* a, std::size_t n, const char* what, std::string_view field) {
    if (n != 2 || a[1].kind() != Kind::kString) return no_overload(what);
    Value list = member_field(a[0], field);
    if (list.is_error()) return list;
    return op_in(a[1], list);
}

Value fn_has_tag(const Value* a, std::size_t n, EvalContext& /*ctx*/) {
    return list_field_contains(a, n, "has_tag", "tags");
}

Value fn_in_area_tree(const Value* a, std::size_t n, EvalContext& /*ctx*/) {
    return list_field_contains(a, n, "in_area_tree", "area_path");
}

}  // namespace

void register_openspp_functions(FunctionTable* t) {
    (*t)["age_years"] = fn_age_years;
    (*t)["years_ago"] = fn_years_ago;
    (*t)["months_ago"] = fn_months_ago;
    (*t)["days_ago"] = fn_days_ago;
    (*t)["between"] = fn_between;
    (*t)["has_role"] = fn_has_role;
    (*t)["head"] = fn_head;
    (*t)["has_tag"] = fn_has_tag;
    (*t)["in_area_tree"] = fn_in_area_tree;
}

}  // namespace spmis::cel

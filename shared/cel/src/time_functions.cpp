// Timestamp accessors (getFullYear, getMonth, ... with an optional time zone) and duration
// accessors (getHours, getMinutes, getSeconds, getMilliseconds).

#include "functions.hpp"
#include "time_util.hpp"
#include "time_zone.hpp"

namespace spmis::cel {
namespace {

enum class Field {
    kYear,
    kMonth,
    kDayOfYear,
    kDayOfMonth,
    kDate,
    kDayOfWeek,
    kHours,
    kMinutes,
    kSeconds,
    kMillis
};

struct Civil {
    std::int64_t year;
    unsigned month;  // 1-12
    unsigned day;    // 1-31
    std::int64_t days;
    std::int64_t second_of_day;
};

Civil civil(std::int64_t local_seconds) {
    std::int64_t days = local_seconds >= 0 ? local_seconds / 86400 : (local_seconds - 86399) / 86400;
    Civil c{};
    c.days = days;
    c.second_of_day = local_seconds - days * 86400;
    civil_from_days(days, &c.year, &c.month, &c.day);
    return c;
}

Value timestamp_field(Field f, const Value* a, std::size_t n) {
    Timestamp t = a[0].as_timestamp();
    std::int64_t offset = 0;
    if (n == 2) {
        if (a[1].kind() != Kind::kString) return no_overload("time zone must be a string");
        if (!utc_offset(a[1].as_string(), t.seconds, &offset)) {
            return Value::error("invalid time zone '" + a[1].as_string() + "'");
        }
    }
    Civil c = civil(t.seconds + offset);
    switch (f) {
        case Field::kYear: return Value::integer(c.year);
        case Field::kMonth: return Value::integer(c.month - 1);
        case Field::kDayOfYear: return Value::integer(c.days - days_from_civil(c.year, 1, 1));
        case Field::kDayOfMonth: return Value::integer(c.day - 1);
        case Field::kDate: return Value::integer(c.day);
        case Field::kDayOfWeek: return Value::integer(((c.days % 7) + 11) % 7);  // 1970-01-01 was a Thursday
        case Field::kHours: return Value::integer(c.second_of_day / 3600);
        case Field::kMinutes: return Value::integer(c.second_of_day / 60 % 60);
        case Field::kSeconds: return Value::integer(c.second_of_day % 60);
        case Field::kMillis: return Value::integer(t.nanos / 1'000'000);
    }
    return no_overload("timestamp accessor");
}

Value duration_field(Field f, const Duration& d) {
    switch (f) {
        case Field::kHours: return Value::integer(d.seconds / 3600);
        case Field::kMinutes: return Value::integer(d.seconds / 60);
        case Field::kSeconds: return Value::integer(d.seconds);
        case Field::kMillis: return Value::integer(d.nanos / 1'000'000);
        default: return no_overload("duration accessor");
    }
}

template <Field F>
Value accessor(const Value* a, std::size_t n, EvalContext& /*ctx*/) {
    if (n >= 1 && n <= 2 && a[0].kind() == Kind::kTimestamp) return timestamp_field(F, a, n);
    if (n == 1 && a[0].kind() == Kind::kDuration) return duration_field(F, a[0].as_duration());
    return no_overload("time accessor");
}

}  // namespace

void register_time_functions(FunctionTable* t) {
    (*t)["getFullYear"] = accessor<Field::kYear>;
    (*t)["getMonth"] = accessor<Field::kMonth>;
    (*t)["getDayOfYear"] = accessor<Field::kDayOfYear>;
    (*t)["getDayOfMonth"] = accessor<Field::kDayOfMonth>;
    (*t)["getDate"] = accessor<Field::kDate>;
    (*t)["getDayOfWeek"] = accessor<Field::kDayOfWeek>;
    (*t)["getHours"] = accessor<Field::kHours>;
    (*t)["getMinutes"] = accessor<Field::kMinutes>;
    (*t)["getSeconds"] = accessor<Field::kSeconds>;
    (*t)["getMilliseconds"] = accessor<Field::kMillis>;
}

}  // namespace spmis::cel

#pragma once
// Times are UTC, microsecond precision; calendar dates have no time zone.

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "spmis/base/status.hpp"

namespace spmis {

using UtcTime = std::chrono::sys_time<std::chrono::microseconds>;
using Date = std::chrono::year_month_day;

// "2026-11-21T09:30:00.123456Z" (fraction only when non-zero).
std::string format_time(UtcTime t);
// RFC 3339 with 'Z' or an offset; kInvalidArgument with the reason otherwise.
Result<UtcTime> parse_time(std::string_view text);

// "2026-11-21".
std::string format_date(Date d);
// Strict YYYY-MM-DD of a real calendar day; kInvalidArgument otherwise.
Result<Date> parse_date(std::string_view text);

// Whole years between birth and the reference date (a birthday on the reference date counts).
int age_in_years(Date birth, Date reference);

// The calendar date (UTC) of a time.
Date date_of(UtcTime t);
// Midnight UTC at the start of a date.
UtcTime start_of(Date d);

std::int64_t to_unix_micros(UtcTime t);
UtcTime from_unix_micros(std::int64_t micros);

}  // namespace spmis

#pragma once
// Timestamp and duration arithmetic, parsing and formatting with CEL's ranges: timestamps from
// 0001-01-01 to 9999-12-31T23:59:59.999999999Z, durations up to 10,000 years either way.

#include <cstdint>
#include <string>
#include <string_view>

#include "spmis/cel/value.hpp"

namespace spmis::cel {

inline constexpr std::int64_t kMinTimestampSeconds = -62135596800;  // 0001-01-01T00:00:00Z
inline constexpr std::int64_t kMaxTimestampSeconds = 253402300799;  // 9999-12-31T23:59:59Z
inline constexpr std::int64_t kMaxDurationSeconds = 315576000000;   // 10,000 years
inline constexpr std::int32_t kNanosPerSecond = 1'000'000'000;

// Range-checked constructors: an error value ("range") outside the limits.
Value make_timestamp(std::int64_t seconds, std::int64_t nanos);
Value make_duration(std::int64_t seconds, std::int64_t nanos);

Value add_timestamp_duration(Timestamp t, Duration d);
Value sub_timestamps(Timestamp a, Timestamp b);
Value add_durations(Duration a, Duration b);
Duration negate(Duration d);

// RFC 3339 ("2009-02-13T23:31:30.5Z", offsets allowed) to a timestamp value, or an error.
Value parse_timestamp(std::string_view text);
// "2009-02-13T23:31:30Z", with 3, 6 or 9 fraction digits when non-zero.
std::string format_timestamp(Timestamp t);
// Go-style duration text ("1h30m", "-1.5s", "100ms") to a duration value, or an error.
Value parse_duration(std::string_view text);
// "3600s", "1.5s", "-0.000000001s".
std::string format_duration(Duration d);

// Days since 1970-01-01 of a civil date, and back.
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d);
void civil_from_days(std::int64_t z, std::int64_t* y, unsigned* m, unsigned* d);

}  // namespace spmis::cel

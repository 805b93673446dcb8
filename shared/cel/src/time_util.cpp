#include "time_util.hpp"

#include <cstdio>

namespace spmis::cel {

std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2 ? 1 : 0;
    std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    auto yoe = static_cast<unsigned>(y - era * 400);
    unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civil_from_days(std::int64_t z, std::int64_t* y, unsigned* m, unsigned* d) {
    z += 719468;
    std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    auto doe = static_cast<unsigned>(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = static_cast<std::int64_t>(yoe) + era * 400 + (*m <= 2 ? 1 : 0);
}

Value make_timestamp(std::int64_t seconds, std::int64_t nanos) {
    seconds += nanos / kNanosPerSecond;
    nanos %= kNanosPerSecond;
    if (nanos < 0) {
        nanos += kNanosPerSecond;
        --seconds;
    }
    if (seconds < kMinTimestampSeconds || seconds > kMaxTimestampSeconds) {
        return Value::error("timestamp out of range");
    }
    return Value::timestamp({seconds, static_cast<std::int32_t>(nanos)});
}

Value make_duration(std::int64_t seconds, std::int64_t nanos) {
    seconds += nanos / kNanosPerSecond;
    nanos %= kNanosPerSecond;
    if (seconds > 0 && nanos < 0) {
        --seconds;
        nanos += kNanosPerSecond;
    } else if (seconds < 0 && nanos > 0) {
        ++seconds;
        nanos -= kNanosPerSecond;
    }
    if (seconds > kMaxDurationSeconds || seconds < -kMaxDurationSeconds) {
        return Value::error("duration out of range");
    }
    return Value::duration({seconds, static_cast<std::int32_t>(nanos)});
}

Value add_timestamp_duration(Timestamp t, Duration d) {
    return make_timestamp(t.seconds + d.seconds, std::int64_t{t.nanos} + d.nanos);
}

Value sub_timestamps(Timestamp a, Timestamp b) {
    // The difference of two timestamps must fit in int64 nanoseconds (about 292 years), as in
    // the reference implementations.
    constexpr std::int64_t kMaxDifferenceSeconds = 9223372036;
    std::int64_t seconds = a.seconds - b.seconds;
    if (seconds > kMaxDifferenceSeconds || seconds < -kMaxDifferenceSeconds) {
        return Value::error("duration out of range");
    }
    return make_duration(a.seconds - b.seconds, std::int64_t{a.nanos} - b.nanos);
}

Value add_durations(Duration a, Duration b) {
    return make_duration(a.seconds + b.seconds, std::int64_t{a.nanos} + b.nanos);
}

Duration negate(Duration d) { return {-d.seconds, -d.nanos}; }

namespace {

std::string fraction(std::int32_t nanos) {
    char buf[16];
    if (nanos % 1'000'000 == 0) {
        std::snprintf(buf, sizeof buf, ".%03d", nanos / 1'000'000);
    } else if (nanos % 1000 == 0) {
        std::snprintf(buf, sizeof buf, ".%06d", nanos / 1000);
    } else {
        std::snprintf(buf, sizeof buf, ".%09d", nanos);
    }
    return buf;
}

}  // namespace

std::string format_timestamp(Timestamp t) {
    std::int64_t days = t.seconds >= 0 ? t.seconds / 86400 : (t.seconds - 86399) / 86400;
    std::int64_t rem = t.seconds - days * 86400;
    std::int64_t y = 0;
    unsigned m = 0;
    unsigned d = 0;
    civil_from_days(days, &y, &m, &d);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02lld:%02lld:%02lld", static_cast<long long>(y), m, d,
                  static_cast<long long>(rem / 3600), static_cast<long long>(rem / 60 % 60),
                  static_cast<long long>(rem % 60));
    return std::string(buf) + (t.nanos != 0 ? fraction(t.nanos) : "") + "Z";
}

std::string format_duration(Duration d) {
    bool negative = d.seconds < 0 || d.nanos < 0;
    std::int64_t s = d.seconds < 0 ? -d.seconds : d.seconds;
    std::int32_t n = d.nanos < 0 ? -d.nanos : d.nanos;
    std::string out = negative ? "-" : "";
    out.append(std::to_string(s));
    if (n != 0) {
        out += fraction(n);
    }
    return out + "s";
}

}  // namespace spmis::cel

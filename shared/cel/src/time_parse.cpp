// Parsing of timestamp (RFC 3339) and duration (Go-style) text.

#include <cstdint>

#include "time_util.hpp"

namespace spmis::cel {
namespace {

__extension__ using Int128 = __int128;

bool digits(std::string_view s, std::size_t at, std::size_t n, std::int64_t* out) {
    if (at + n > s.size()) {
        return false;
    }
    std::int64_t v = 0;
    for (std::size_t k = 0; k < n; ++k) {
        char c = s[at + k];
        if (c < '0' || c > '9') {
            return false;
        }
        v = v * 10 + (c - '0');
    }
    *out = v;
    return true;
}

Value bad_timestamp(std::string_view text) {
    return Value::error("invalid timestamp '" + std::string(text.substr(0, 64)) + "'");
}

unsigned days_in_month(std::int64_t y, std::int64_t m) {
    static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : kDays[m - 1];
}

// Parses ".123456789" at s[*i]; nanos get the value scaled to 9 digits.
bool parse_fraction(std::string_view s, std::size_t* i, std::int64_t* nanos) {
    *nanos = 0;
    if (*i >= s.size() || s[*i] != '.') {
        return true;
    }
    ++*i;
    int count = 0;
    while (*i < s.size() && s[*i] >= '0' && s[*i] <= '9') {
        if (count < 9) {
            *nanos = *nanos * 10 + (s[*i] - '0');
        }
        ++count;
        ++*i;
    }
    for (int k = count; k < 9; ++k) {
        *nanos *= 10;
    }
    return count > 0;
}

}  // namespace

Value parse_timestamp(std::string_view s) {
    std::int64_t y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0, nanos = 0;
    if (s.size() < 20 || !digits(s, 0, 4, &y) || s[4] != '-' || !digits(s, 5, 2, &mo) || s[7] != '-' ||
        !digits(s, 8, 2, &d) || (s[10] != 'T' && s[10] != 't') || !digits(s, 11, 2, &h) || s[13] != ':' ||
        !digits(s, 14, 2, &mi) || s[16] != ':' || !digits(s, 17, 2, &sec)) {
        return bad_timestamp(s);
    }
    std::size_t i = 19;
    if (!parse_fraction(s, &i, &nanos) || i >= s.size()) {
        return bad_timestamp(s);
    }
    std::int64_t offset = 0;
    if (s[i] == 'Z' || s[i] == 'z') {
        ++i;
    } else if (s[i] == '+' || s[i] == '-') {
        std::int64_t oh = 0, om = 0;
        if (!digits(s, i + 1, 2, &oh) || i + 3 >= s.size() || s[i + 3] != ':' || !digits(s, i + 4, 2, &om)) {
            return bad_timestamp(s);
        }
        offset = (oh * 3600 + om * 60) * (s[i] == '-' ? -1 : 1);
        i += 6;
    }
    if (i != s.size() || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || sec > 59) {
        return bad_timestamp(s);
    }
    if (static_cast<unsigned>(d) > days_in_month(y, mo)) {
        return bad_timestamp(s);
    }
    std::int64_t days = days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
    return make_timestamp(days * 86400 + h * 3600 + mi * 60 + sec - offset, nanos);
}

Value parse_duration(std::string_view s) {
    Value bad = Value::error("invalid duration '" + std::string(s.substr(0, 64)) + "'");
    std::size_t i = 0;
    bool negative = false;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) {
        negative = s[i] == '-';
        ++i;
    }
    if (s.substr(i) == "0") {
        return Value::duration({});
    }
    if (i >= s.size()) {
        return bad;
    }
    Int128 total = 0;  // nanoseconds
    constexpr Int128 kLimit = static_cast<Int128>(kMaxDurationSeconds + 1) * kNanosPerSecond;
    while (i < s.size()) {
        std::size_t start = i;
        Int128 whole = 0;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
            whole = whole * 10 + (s[i++] - '0');
            if (whole > kLimit) {
                return Value::error("duration out of range");
            }
        }
        std::int64_t frac = 0;
        bool had_whole = i > start;
        if (!parse_fraction(s, &i, &frac) && !had_whole) {
            return bad;
        }
        if (!had_whole && frac == 0 && (i == start || s[start] != '.')) {
            return bad;
        }
        std::size_t unit_start = i;
        while (i < s.size() && ((s[i] >= 'a' && s[i] <= 'z') || static_cast<unsigned char>(s[i]) >= 0x80)) {
            ++i;
        }
        std::string_view unit = s.substr(unit_start, i - unit_start);
        std::int64_t scale = 0;
        if (unit == "h")
            scale = 3600LL * kNanosPerSecond;
        else if (unit == "m")
            scale = 60LL * kNanosPerSecond;
        else if (unit == "s")
            scale = kNanosPerSecond;
        else if (unit == "ms")
            scale = 1'000'000;
        else if (unit == "us" || unit == "\xC2\xB5s" || unit == "\xCE\xBCs")
            scale = 1000;
        else if (unit == "ns")
            scale = 1;
        else
            return bad;
        total += whole * scale + static_cast<Int128>(frac) * scale / kNanosPerSecond;
        if (total > kLimit) {
            return Value::error("duration out of range");
        }
    }
    if (negative) {
        total = -total;
    }
    return make_duration(static_cast<std::int64_t>(total / kNanosPerSecond),
                         static_cast<std::int64_t>(total % kNanosPerSecond));
}

}  // namespace spmis::cel

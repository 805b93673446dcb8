#include "spmis/base/time.hpp"

#include <charconv>
#include <cstdio>

namespace spmis {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

bool read_int(std::string_view s, std::size_t pos, std::size_t len, int& out) {
    if (pos + len > s.size()) return false;
    for (std::size_t i = pos; i < pos + len; ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
    }
    auto r = std::from_chars(s.data() + pos, s.data() + pos + len, out);
    return r.ec == std::errc{};
}

Status bad_time(std::string_view text, const char* why) {
    return make_error(ErrorCode::kInvalidArgument, "invalid timestamp '" + std::string(text) + "': " + why);
}

}  // namespace

std::string format_date(Date d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()),
                  static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
    return buf;
}

Result<Date> parse_date(std::string_view text) {
    int y = 0, m = 0, d = 0;
    if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !read_int(text, 0, 4, y) ||
        !read_int(text, 5, 2, m) || !read_int(text, 8, 2, d)) {
        return make_error(ErrorCode::kInvalidArgument,
                          "invalid date '" + std::string(text) + "': expected YYYY-MM-DD");
    }
    Date date{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
              std::chrono::day{static_cast<unsigned>(d)}};
    if (!date.ok()) {
        return make_error(ErrorCode::kInvalidArgument,
                          "invalid date '" + std::string(text) + "': no such day");
    }
    return date;
}

std::string format_time(UtcTime t) {
    auto day = std::chrono::floor<days>(t);
    Date date{day};
    std::chrono::hh_mm_ss hms{t - day};
    char buf[48];
    auto micros = hms.subseconds().count();
    int n = std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02d", format_date(date).c_str(),
                          static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                          static_cast<int>(hms.seconds().count()));
    if (micros != 0) {
        std::snprintf(buf + n, sizeof buf - static_cast<std::size_t>(n), ".%06lld",
                      static_cast<long long>(micros));
    }
    return std::string(buf) + "Z";
}

Result<UtcTime> parse_time(std::string_view text) {
    if (text.size() < 20) return bad_time(text, "too short");
    auto date = parse_date(text.substr(0, 10));
    if (!date.ok()) return bad_time(text, "bad date part");
    int hh = 0, mm = 0, ss = 0;
    if ((text[10] != 'T' && text[10] != 't' && text[10] != ' ') || !read_int(text, 11, 2, hh) ||
        text[13] != ':' || !read_int(text, 14, 2, mm) || text[16] != ':' || !read_int(text, 17, 2, ss) ||
        hh > 23 || mm > 59 || ss > 60) {
        return bad_time(text, "bad time part");
    }
    std::size_t pos = 19;
    std::int64_t micros = 0;
    if (pos < text.size() && text[pos] == '.') {
        ++pos;
        int digits = 0;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
            if (digits < 6) micros = micros * 10 + (text[pos] - '0');
            ++digits;
            ++pos;
        }
        if (digits == 0) return bad_time(text, "empty fraction");
        for (int i = digits; i < 6; ++i) micros *= 10;
    }
    std::int64_t offset_minutes = 0;
    std::string_view zone = text.substr(pos);
    if (zone == "Z" || zone == "z") {
        offset_minutes = 0;
    } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':') {
        int oh = 0, om = 0;
        if (!read_int(zone, 1, 2, oh) || !read_int(zone, 4, 2, om)) return bad_time(text, "bad offset");
        offset_minutes = (oh * 60 + om) * (zone[0] == '-' ? -1 : 1);
    } else {
        return bad_time(text, "missing or bad time zone");
    }
    UtcTime t = start_of(*date) + std::chrono::hours(hh) + std::chrono::minutes(mm) +
                std::chrono::seconds(ss) + std::chrono::microseconds(micros) -
                std::chrono::minutes(offset_minutes);
    return t;
}

int age_in_years(Date birth, Date reference) {
    int years = static_cast<int>(reference.year()) - static_cast<int>(birth.year());
    if (std::chrono::month_day{reference.month(), reference.day()} <
        std::chrono::month_day{birth.month(), birth.day()}) {
        --years;
    }
    return years;
}

Date date_of(UtcTime t) { return Date{std::chrono::floor<days>(t)}; }

UtcTime start_of(Date d) { return std::chrono::time_point_cast<std::chrono::microseconds>(sys_days{d}); }

std::int64_t to_unix_micros(UtcTime t) { return t.time_since_epoch().count(); }

UtcTime from_unix_micros(std::int64_t micros) { return UtcTime{std::chrono::microseconds{micros}}; }

}  // namespace spmis

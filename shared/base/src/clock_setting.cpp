#include "spmis/base/clock_setting.hpp"

#include <charconv>
#include <chrono>
#include <optional>
#include <string>

namespace spmis {
namespace {

// A day given without a time starts in the morning, so "today" is the same date in every zone a
// program runs in and a test's hours of work never cross midnight.
constexpr std::chrono::hours kDayOnlyStartsAt{9};

Result<UtcTime> start_of_setting(std::string_view setting) {
    if (setting.size() == 10) {
        SPMIS_ASSIGN_OR_RETURN(Date day, parse_date(setting));
        return start_of(day) + kDayOnlyStartsAt;
    }
    return parse_time(setting);
}

// "offset:N" with N a signed count of seconds; nullopt when the text is not one.
std::optional<std::int64_t> offset_seconds(std::string_view setting) {
    constexpr std::string_view kPrefix = "offset:";
    if (setting.substr(0, kPrefix.size()) != kPrefix) return std::nullopt;
    std::string_view n = setting.substr(kPrefix.size());
    if (n.starts_with('+')) n.remove_prefix(1);
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(n.data(), n.data() + n.size(), value);
    if (n.empty() || ec != std::errc() || end != n.data() + n.size()) return std::nullopt;
    return value;
}

}  // namespace

ShiftedClock::ShiftedClock(const Clock& real, UtcTime start) : real_(real), offset_(start - real.now()) {}

UtcTime ShiftedClock::now() const { return real_.now() + offset_; }

Result<std::unique_ptr<Clock>> clock_from_setting(std::string_view setting) {
    if (setting.empty() || setting == "system")
        return std::unique_ptr<Clock>(std::make_unique<SystemClock>());
    if (const std::optional<std::int64_t> offset = offset_seconds(setting)) {
        return std::unique_ptr<Clock>(
            std::make_unique<ShiftedClock>(SystemClock::instance(), std::chrono::seconds(*offset)));
    }
    Result<UtcTime> start = start_of_setting(setting);
    if (!start.ok()) {
        return make_error(ErrorCode::kInvalidArgument,
                          "clock '" + std::string(setting) +
                              "' is neither 'system', a date YYYY-MM-DD, a time YYYY-MM-DDTHH:MM:SSZ nor "
                              "offset:SECONDS");
    }
    return std::unique_ptr<Clock>(std::make_unique<ShiftedClock>(SystemClock::instance(), *start));
}

}  // namespace spmis

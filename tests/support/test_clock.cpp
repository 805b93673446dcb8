#include "support/test_clock.hpp"

#include <cstdlib>
#include <memory>
#include <stdexcept>

#include "spmis/base/clock_setting.hpp"

namespace spmis::test {
namespace {

const char* setting() {
    const char* s = std::getenv("SPMIS_TEST_CLOCK");
    return s != nullptr ? s : "";
}

}  // namespace

const Clock& test_clock() {
    static const std::unique_ptr<Clock> clock = [] {
        Result<std::unique_ptr<Clock>> c = clock_from_setting(setting());
        if (!c.ok()) throw std::runtime_error("SPMIS_TEST_CLOCK: " + c.status().message());
        return std::move(*c);
    }();
    return *clock;
}

Date test_today() { return date_of(test_clock().now()); }

std::string day_from_today(int days) {
    return format_date(Date(std::chrono::sys_days(test_today()) + std::chrono::days(days)));
}

MonthSpan current_month() {
    const Date today = test_today();
    const auto ym = today.year() / today.month();
    return {format_date(Date(ym / 1)), format_date(Date(ym / std::chrono::last))};
}

void share_test_clock_with_children() {
    if (*setting() == '\0') return;
    // One timeline for the test and every process it starts: the offset of the test's clock from
    // the system clock, not its starting point (a process started later would otherwise be behind).
    const auto offset =
        std::chrono::duration_cast<std::chrono::seconds>(test_clock().now() - SystemClock::instance().now());
    ::setenv("SPMIS_CLOCK", ("offset:" + std::to_string(offset.count())).c_str(), 1);
}

}  // namespace spmis::test

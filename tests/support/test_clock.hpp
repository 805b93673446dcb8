#pragma once
// The clock of a test run. Tests build every date from it, never from a fixed calendar day, so the
// suite holds on any day. CI runs the suite again with SPMIS_TEST_CLOCK set to other days (the last
// day of a month, 29 February); every spmis-server and spmis-field a test starts gets the same
// setting as SPMIS_CLOCK, so processes and test agree on what today is.

#include <string>

#include "spmis/base/clock.hpp"
#include "spmis/base/time.hpp"

namespace spmis::test {

// SPMIS_TEST_CLOCK (see clock_from_setting) when set, the system clock otherwise. Thread-safe.
const Clock& test_clock();
// The date of test_clock() now.
Date test_today();
// test_today() + days, as YYYY-MM-DD.
std::string day_from_today(int days);
// The first and last day of the month test_today() is in, as YYYY-MM-DD.
struct MonthSpan {
    std::string start;
    std::string end;
};
MonthSpan current_month();
// Exports SPMIS_CLOCK (as offset:SECONDS, one timeline with this process) for child processes when
// SPMIS_TEST_CLOCK is set (idempotent; call before spawning a server or a field client).
void share_test_clock_with_children();

}  // namespace spmis::test

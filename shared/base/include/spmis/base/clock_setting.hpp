#pragma once
// The one setting that tells a process what time it is: the system clock, or a clock that starts at
// a given instant and runs forward from there. Servers and command lines build their clock from it
// once, at start-up, and hand it down; tests and demos set it instead of depending on the calendar.

#include <memory>
#include <string_view>

#include "spmis/base/clock.hpp"
#include "spmis/base/status.hpp"

namespace spmis {

// The real clock moved by a fixed offset: it ticks like the system clock but reads `start` at the
// moment it was made. Thread-safe (the offset never changes).
class ShiftedClock final : public Clock {
public:
    ShiftedClock(const Clock& real, UtcTime start);
    ShiftedClock(const Clock& real, UtcTime::duration offset) : real_(real), offset_(offset) {}
    UtcTime now() const override;

private:
    const Clock& real_;
    UtcTime::duration offset_;
};

// "" or "system": the system clock. "YYYY-MM-DD" (that day, 09:00 UTC) or "YYYY-MM-DDTHH:MM:SSZ": a
// ShiftedClock starting there. "offset:N" (N whole seconds, signed): the system clock moved by N, so
// processes started at different moments share one timeline (tests hand it to their children).
// kInvalidArgument naming the setting otherwise.
Result<std::unique_ptr<Clock>> clock_from_setting(std::string_view setting);

}  // namespace spmis

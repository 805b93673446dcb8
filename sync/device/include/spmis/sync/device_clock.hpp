#pragma once
// What a device knows about time when it records an operation: its wall clock (a claim), the
// monotonic clock of the current boot, and the boot's id (PROTOCOL.md section 1, time_claim).

#include <cstdint>
#include <string>

#include "spmis/base/clock.hpp"

namespace spmis::sync {

class DeviceClock {
public:
    virtual ~DeviceClock() = default;
    // The wall clock: may be days off; recorded, never used for ordering.
    virtual UtcTime wall() const = 0;
    // Milliseconds of a clock that only moves forward within one boot.
    virtual std::int64_t monotonic_ms() const = 0;
    // Identifies the current boot (monotonic readings compare only within one boot).
    virtual std::string boot_id() const = 0;
};

// The machine's clocks; boot id from /proc/sys/kernel/random/boot_id when present. The wall clock is
// handed in (spmis-field builds it from --clock / SPMIS_CLOCK) and may be replaced before use.
class SystemDeviceClock final : public DeviceClock {
public:
    explicit SystemDeviceClock(const Clock& wall = SystemClock::instance());
    void set_wall_clock(const Clock& wall) { wall_ = &wall; }
    UtcTime wall() const override;
    std::int64_t monotonic_ms() const override;
    std::string boot_id() const override { return boot_id_; }

private:
    const Clock* wall_;
    std::string boot_id_;
};

// A clock for tests and simulations: the wall clock may be set anywhere (skew), the monotonic clock
// only advances. Not thread-safe.
class FakeDeviceClock final : public DeviceClock {
public:
    FakeDeviceClock(UtcTime wall, std::string boot_id) : wall_(wall), boot_id_(std::move(boot_id)) {}
    UtcTime wall() const override { return wall_; }
    std::int64_t monotonic_ms() const override { return monotonic_ms_; }
    std::string boot_id() const override { return boot_id_; }
    // Moves both clocks forward.
    void advance(std::chrono::milliseconds d) {
        wall_ += d;
        monotonic_ms_ += d.count();
    }
    // Sets the wall clock only (a skewed or corrected device clock).
    void set_wall(UtcTime t) { wall_ = t; }
    // A reboot: new boot id, monotonic clock restarts.
    void reboot(std::string boot_id) {
        boot_id_ = std::move(boot_id);
        monotonic_ms_ = 0;
    }

private:
    UtcTime wall_;
    std::int64_t monotonic_ms_ = 0;
    std::string boot_id_;
};

}  // namespace spmis::sync

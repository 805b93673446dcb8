#include "spmis/sync/device_clock.hpp"

#include <chrono>
#include <fstream>

namespace spmis::sync {

SystemDeviceClock::SystemDeviceClock(const Clock& wall) : wall_(&wall) {
    std::ifstream in("/proc/sys/kernel/random/boot_id");
    std::getline(in, boot_id_);
    if (boot_id_.empty()) boot_id_ = "unknown";
}

UtcTime SystemDeviceClock::wall() const { return wall_->now(); }

std::int64_t SystemDeviceClock::monotonic_ms() const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

}  // namespace spmis::sync

#pragma once
// UTC offsets for CEL's time-zone arguments: "UTC", fixed offsets ("+05:30", "-02:00",
// "02:00"), and IANA names ("Australia/Sydney") read from the system tzdata (TZif files under
// /usr/share/zoneinfo; g++ 12 has no std::chrono::locate_zone). Instants after a zone's last
// listed transition use that transition's offset.

#include <cstdint>
#include <string_view>

namespace spmis::cel {

// Offset east of UTC in seconds at `utc_seconds`; false for an unknown zone or bad offset.
bool utc_offset(std::string_view zone, std::int64_t utc_seconds, std::int64_t* offset);

}  // namespace spmis::cel

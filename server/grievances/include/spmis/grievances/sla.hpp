#pragma once
// Service levels of a ticket: two clocks (response: until work starts; resolution: until resolved)
// with deadlines fixed when the ticket is opened; time on hold does not count.

#include <cstdint>
#include <string_view>

#include "spmis/store/grievance_repository.hpp"

namespace spmis::grievances {

enum class SlaStatus { kOnTrack, kAtRisk, kBreached };

// "on_track", "at_risk", "breached".
std::string_view sla_status_name(SlaStatus status);

// One clock at a moment.
struct ClockReading {
    std::int64_t used_micros = 0;     // counted time (hold excluded) until it stopped, or until now
    std::int64_t allowed_micros = 0;  // from opening to the deadline
    bool stopped = false;             // the response was given or the ticket resolved
    SlaStatus status = SlaStatus::kOnTrack;
};

struct SlaReading {
    ClockReading response;
    ClockReading resolution;
    SlaStatus status = SlaStatus::kOnTrack;  // the worse of the two
};

// The deadlines of a ticket of `category` opened at `opened_at`.
struct Deadlines {
    UtcTime response_due;
    UtcTime resolution_due;
};
Deadlines deadlines_for(const store::GrievanceCategory& category, UtcTime opened_at);

// Time on hold up to `now`, the current hold included.
std::int64_t held_micros_at(const store::Grievance& g, UtcTime now);

// Both clocks of `g` at `now`: at risk from tuning::kAtRiskPermille of the allowed time used,
// breached once more than all of it is used. A stopped clock keeps the status it stopped with.
SlaReading read_sla(const store::Grievance& g, UtcTime now);

}  // namespace spmis::grievances

// Service-level clocks of a ticket (sla.hpp).

#include "spmis/grievances/sla.hpp"

#include <algorithm>

#include "spmis/grievances/tuning.hpp"

namespace spmis::grievances {
namespace {

std::int64_t micros(std::chrono::microseconds d) { return d.count(); }

SlaStatus status_of(std::int64_t used, std::int64_t allowed) {
    if (used > allowed) return SlaStatus::kBreached;
    // at_risk at 75% used: used / allowed >= 0.75, in integers.
    if (used * 1000 >= allowed * tuning::kAtRiskPermille) return SlaStatus::kAtRisk;
    return SlaStatus::kOnTrack;
}

ClockReading clock_reading(std::int64_t used, std::int64_t allowed, bool stopped) {
    return ClockReading{used, allowed, stopped, status_of(used, allowed)};
}

}  // namespace

std::string_view sla_status_name(SlaStatus status) {
    switch (status) {
        case SlaStatus::kOnTrack: return "on_track";
        case SlaStatus::kAtRisk: return "at_risk";
        case SlaStatus::kBreached: return "breached";
    }
    return "on_track";
}

Deadlines deadlines_for(const store::GrievanceCategory& category, UtcTime opened_at) {
    return Deadlines{opened_at + std::chrono::hours(category.response_hours),
                     opened_at + std::chrono::hours(category.resolution_hours)};
}

std::int64_t held_micros_at(const store::Grievance& g, UtcTime now) {
    std::int64_t held = g.held_micros;
    if (g.hold_started_at) held += std::max<std::int64_t>(0, micros(now - *g.hold_started_at));
    return held;
}

SlaReading read_sla(const store::Grievance& g, UtcTime now) {
    SlaReading out;
    // Holds start only once work has started, so the response clock never contains one.
    const UtcTime response_end = g.responded_at ? *g.responded_at : (g.resolved_at ? *g.resolved_at : now);
    out.response = clock_reading(micros(response_end - g.opened_at), micros(g.response_due_at - g.opened_at),
                                 g.responded_at.has_value() || g.resolved_at.has_value());
    const UtcTime resolution_end = g.resolved_at ? *g.resolved_at : now;
    out.resolution = clock_reading(micros(resolution_end - g.opened_at) - held_micros_at(g, resolution_end),
                                   micros(g.resolution_due_at - g.opened_at), g.resolved_at.has_value());
    out.status = std::max(out.response.status, out.resolution.status);
    return out;
}

}  // namespace spmis::grievances

// The CSV export of a period's tickets with their service-level figures (no descriptions: the
// export is for monitoring, and a complaint's text may name people).

#include <algorithm>

#include "spmis/csv/csv_reader.hpp"
#include "spmis/grievances/grievance_service.hpp"
#include "spmis/grievances/tuning.hpp"

namespace spmis::grievances {
namespace {

std::string optional_time(const std::optional<UtcTime>& t) { return t ? format_time(*t) : ""; }

std::string optional_id(const std::optional<Uuid>& id) { return id ? id->to_string() : ""; }

// Used time as a whole percentage of allowed time.
std::string percent(const ClockReading& c) {
    if (c.allowed_micros <= 0) return "";
    return std::to_string(c.used_micros * 100 / c.allowed_micros);
}

const std::vector<std::string> kHeader = {"number",
                                          "id",
                                          "category",
                                          "subcategory",
                                          "priority",
                                          "channel",
                                          "state",
                                          "decision",
                                          "sensitive",
                                          "assignee",
                                          "appeal_of",
                                          "opened_at",
                                          "response_due_at",
                                          "responded_at",
                                          "response_used_percent",
                                          "resolution_due_at",
                                          "resolved_at",
                                          "held_hours",
                                          "resolution_used_percent",
                                          "sla_status",
                                          "escalated_to",
                                          "escalated_at"};

std::vector<std::string> row(const store::Grievance& g, UtcTime now) {
    const SlaReading sla = read_sla(g, now);
    const std::int64_t held_hours = held_micros_at(g, g.resolved_at ? *g.resolved_at : now) / 3'600'000'000;
    return {ticket_number(g.number),
            g.id.to_string(),
            g.category,
            g.subcategory,
            g.priority,
            g.channel,
            g.state,
            g.decision,
            g.sensitive ? "true" : "false",
            g.assignee,
            optional_id(g.appeal_of),
            format_time(g.opened_at),
            format_time(g.response_due_at),
            optional_time(g.responded_at),
            percent(sla.response),
            format_time(g.resolution_due_at),
            optional_time(g.resolved_at),
            std::to_string(held_hours),
            percent(sla.resolution),
            std::string(sla_status_name(sla.status)),
            g.escalated_to,
            optional_time(g.escalated_at)};
}

}  // namespace

Result<std::string> grievances_csv(store::Store& store, UtcTime from, UtcTime until, bool include_sensitive) {
    store::GrievanceFilter filter;
    filter.opened_from = from;
    filter.opened_until = until;
    filter.include_sensitive = include_sensitive;
    filter.limit = tuning::kMaxExportRows + 1;
    SPMIS_ASSIGN_OR_RETURN(auto tickets, store.grievances().list_grievances(filter));
    if (tickets.size() > tuning::kMaxExportRows)
        return make_error(ErrorCode::kResourceExhausted, "more than " +
                                                             std::to_string(tuning::kMaxExportRows) +
                                                             " tickets in the period; export a shorter one");
    std::reverse(tickets.begin(), tickets.end());
    const UtcTime now = store.clock().now();
    std::string out = csv::format_record(kHeader);
    for (const store::Grievance& g : tickets) out += csv::format_record(row(g, now));
    return out;
}

}  // namespace spmis::grievances

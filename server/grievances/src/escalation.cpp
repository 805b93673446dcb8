// The periodic look at open tickets: breached ones escalate once; counts for /metrics.

#include "history.hpp"
#include "spmis/grievances/grievance_service.hpp"

namespace spmis::grievances {
namespace {

Result<std::vector<store::Grievance>> open_tickets(store::Store& store) {
    store::GrievanceFilter filter;
    filter.open_only = true;
    filter.include_sensitive = true;
    return store.grievances().list_grievances(filter);
}

Status escalate(store::Store& store, store::Grievance& g, UtcTime now) {
    SPMIS_ASSIGN_OR_RETURN(auto category, store.grievances().find_grievance_category(g.category));
    g.escalated_to = category ? category->escalate_to : "program_manager";
    g.escalated_at = now;
    g.updated_at = now;
    SPMIS_RETURN_IF_ERROR(store.grievances().update_grievance(g));
    return record_change(
        store, g, "escalation", g.state, g.state, "system",
        ticket_number(g.number) + " breached its service level; escalated to " + g.escalated_to);
}

}  // namespace

Result<int> escalate_breached_grievances(store::Store& store) {
    const UtcTime now = store.clock().now();
    SPMIS_ASSIGN_OR_RETURN(auto tickets, open_tickets(store));
    int escalated = 0;
    for (store::Grievance& g : tickets) {
        // Exactly once: an escalated ticket keeps escalated_at and stays breached in every view.
        if (g.escalated_at || read_sla(g, now).status != SlaStatus::kBreached) continue;
        SPMIS_RETURN_IF_ERROR(escalate(store, g, now));
        ++escalated;
    }
    return escalated;
}

Result<std::map<std::string, CategoryCounts>> count_open_grievances(store::Store& store) {
    std::map<std::string, CategoryCounts> counts;
    SPMIS_ASSIGN_OR_RETURN(auto categories, store.grievances().list_grievance_categories());
    for (const store::GrievanceCategory& c : categories) counts[c.code] = {};
    const UtcTime now = store.clock().now();
    SPMIS_ASSIGN_OR_RETURN(auto tickets, open_tickets(store));
    for (const store::Grievance& g : tickets) {
        CategoryCounts& c = counts[g.category];
        ++c.open;
        const SlaStatus status = read_sla(g, now).status;
        if (status == SlaStatus::kAtRisk) ++c.at_risk;
        if (status == SlaStatus::kBreached) ++c.breached;
    }
    return counts;
}

}  // namespace spmis::grievances

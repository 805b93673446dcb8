// Grievance escalation and gauges for serve (grievance_tasks.hpp).

#include "commands/grievance_tasks.hpp"

#include <iostream>

#include "spmis/grievances/grievance_service.hpp"

namespace spmis::server {

void put_default_grievance_categories(api::StoreAccess& store) {
    Status s = store.transaction(
        [](store::Store& shared) { return grievances::put_default_categories(shared).status(); });
    if (!s.ok()) std::cerr << "spmis-server: default grievance categories: " << s.to_string() << "\n";
}

std::function<void()> grievance_escalation(api::StoreAccess& store) {
    return [&store] {
        Status s = store.transaction([](store::Store& shared) -> Status {
            SPMIS_RETURN_IF_ERROR(shared.lock_exclusively("grievances.escalation"));
            return grievances::escalate_breached_grievances(shared).status();
        });
        if (!s.ok()) std::cerr << "spmis-server: grievance escalation: " << s.to_string() << "\n";
    };
}

api::GrievanceCountsFn grievance_counts(api::StoreAccess& store) {
    return [&store] {
        std::map<std::string, std::map<std::string, std::int64_t>> out;
        Status s = store.transaction([&](store::Store& shared) -> Status {
            SPMIS_ASSIGN_OR_RETURN(auto counts, grievances::count_open_grievances(shared));
            for (const auto& [category, c] : counts)
                out[category] = {{"open", c.open}, {"at_risk", c.at_risk}, {"breached", c.breached}};
            return {};
        });
        if (!s.ok()) out.clear();
        return out;
    };
}

}  // namespace spmis::server

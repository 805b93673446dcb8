#pragma once
// What serve runs for grievances beside the API: the periodic escalation of breached tickets and
// the /metrics gauges of open tickets per category.

#include <functional>

#include "spmis/api/metrics.hpp"
#include "spmis/api/registry_api.hpp"

namespace spmis::server {

// Puts the default grievance categories when the database has none (a new deployment); errors are
// reported on standard error.
void put_default_grievance_categories(api::StoreAccess& store);

// Escalates breached tickets once (grievances::escalate_breached_grievances) under the lock
// "grievances.escalation", so several nodes on one database never escalate a ticket twice. Errors
// are reported on standard error; the next run tries again.
std::function<void()> grievance_escalation(api::StoreAccess& store);

// Open, at-risk and breached tickets per category, read when /metrics is rendered (empty on error).
api::GrievanceCountsFn grievance_counts(api::StoreAccess& store);

}  // namespace spmis::server

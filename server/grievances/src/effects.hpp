#pragma once
// What a resolution sets in motion beyond the ticket (private to spmis::grievances).

#include <string>

#include "spmis/store/store.hpp"

namespace spmis::grievances {

// After `g` was resolved: an upheld (or partially upheld) in-kind complaint about an entitlement
// raises one reconciliation case on it (type grievance_upheld, keyed by the ticket), linked from the
// ticket (links.case_id) and noted in its history. Anything else: nothing.
Status act_on_resolution(store::Store& store, store::Grievance& g, const std::string& actor);

}  // namespace spmis::grievances

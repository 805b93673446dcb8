#pragma once
// Delegations: a user lets another approve on their behalf for a date range (absences).

#include <string>
#include <vector>

#include "spmis/model/approval.hpp"
#include "spmis/store/store.hpp"

namespace spmis::approvals {

// Stores a delegation (id and created_at are set here) with an audit event. kInvalidArgument when
// delegator and delegate are the same, `until` is before `from`, or the delegate is not a user.
Result<model::Delegation> add_delegation(store::Store& store, model::Delegation delegation, UtcTime now);

// Users who delegated to `delegate` with a range that contains `day`, oldest delegation first.
Result<std::vector<std::string>> delegators_of(store::Store& store, const std::string& delegate, Date day);

}  // namespace spmis::approvals

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

// Who asks to end a delegation, and why.
struct EndDelegationInput {
    std::string actor;
    bool administrator = false;  // the actor's role manages staff accounts (users_manage)
    std::string reason;
    UtcTime now{};
};

// Ends a delegation at input.now (kept, with who ended it and when) with an audit event. The
// delegator may end their own, an administrator any; the delegate may not (the right is the
// delegator's to give and take back). kNotFound for an unknown id, kPermissionDenied for anyone
// else, kConflict when it already ended (ended before, or its last day has passed). Returns the
// delegation as stored after.
Result<model::Delegation> end_delegation(store::Store& store, const Uuid& id,
                                         const EndDelegationInput& input);

// Users who delegated to `delegate` with a range that contains `day` and not ended, oldest first.
Result<std::vector<std::string>> delegators_of(store::Store& store, const std::string& delegate, Date day);

}  // namespace spmis::approvals

#include "spmis/approvals/delegations.hpp"

#include "audit_util.hpp"

namespace spmis::approvals {

Result<model::Delegation> add_delegation(store::Store& store, model::Delegation d, UtcTime now) {
    if (d.delegate.empty()) return make_error(ErrorCode::kInvalidArgument, "a delegation needs a delegate");
    if (d.delegate == d.delegator)
        return make_error(ErrorCode::kInvalidArgument, "a user cannot delegate to themselves");
    if (d.until < d.from) {
        return make_error(ErrorCode::kInvalidArgument, "delegation ends " + format_date(d.until) +
                                                           " before it starts " + format_date(d.from));
    }
    d.id = new_uuid_v7();
    d.created_at = now;
    SPMIS_RETURN_IF_ERROR(store.transaction([&]() -> Status {
        SPMIS_ASSIGN_OR_RETURN(auto delegate, store.access().find_user(d.delegate));
        if (!delegate) return make_error(ErrorCode::kInvalidArgument, "unknown user '" + d.delegate + "'");
        SPMIS_RETURN_IF_ERROR(store.approvals().insert_delegation(d));
        return detail::audit(store, d.delegator, "delegation", d.id, "create",
                             "approvals of " + d.delegator + " delegated to " + d.delegate + " from " +
                                 format_date(d.from) + " to " + format_date(d.until),
                             now);
    }));
    return d;
}

Result<model::Delegation> end_delegation(store::Store& store, const Uuid& id,
                                         const EndDelegationInput& input) {
    model::Delegation d;
    SPMIS_RETURN_IF_ERROR(store.transaction([&]() -> Status {
        SPMIS_ASSIGN_OR_RETURN(d, store.approvals().get_delegation(id));
        if (input.actor != d.delegator && !input.administrator) {
            return make_error(ErrorCode::kPermissionDenied,
                              "only " + d.delegator +
                                  " (who gave the delegation) or an administrator "
                                  "may end it");
        }
        if (d.ended_at) {
            return make_error(ErrorCode::kConflict, "the delegation was already ended by " + d.ended_by +
                                                        " at " + format_time(*d.ended_at));
        }
        if (d.until < date_of(input.now)) {
            return make_error(ErrorCode::kConflict,
                              "the delegation already ended on its last day " + format_date(d.until));
        }
        SPMIS_RETURN_IF_ERROR(store.approvals().end_delegation(d.id, input.actor, input.now));
        d.ended_at = input.now;
        d.ended_by = input.actor;
        std::string why = "delegation of " + d.delegator + " to " + d.delegate + " ended by " + input.actor;
        if (!input.reason.empty()) why += ": " + input.reason;
        return detail::audit(store, input.actor, "delegation", d.id, "end", why, input.now);
    }));
    return d;
}

Result<std::vector<std::string>> delegators_of(store::Store& store, const std::string& delegate, Date day) {
    SPMIS_ASSIGN_OR_RETURN(auto all, store.approvals().list_delegations(delegate));
    std::vector<std::string> out;
    for (const auto& d : all) {
        if (d.delegate == delegate && !d.ended_at && !(day < d.from) && !(d.until < day))
            out.push_back(d.delegator);
    }
    return out;
}

}  // namespace spmis::approvals

// Approval chains per program and action, approval requests (what I may act on, one with its
// history, approve, reject) and delegations, over spmis::approvals. Who may decide is the chain's
// business, so deciding needs only program_read at the route; the engine refuses the rest.

#include "approval_codec.hpp"
#include "program_codec.hpp"
#include "spmis/api/api.hpp"
#include "spmis/api/json_io.hpp"
#include "spmis/api/registry_api.hpp"
#include "spmis/api/tuning.hpp"
#include "spmis/approvals/chains.hpp"
#include "spmis/approvals/delegations.hpp"
#include "spmis/approvals/engine.hpp"
#include "spmis/base/clock.hpp"
#include "spmis/payments/release.hpp"
#include "spmis/programs/cycle_workflow.hpp"
#include "store_routes_util.hpp"

namespace spmis::api {
namespace {

using auth::Permission;
using nlohmann::json;
using R = const http::HttpRequest&;

// Every action's effects: cycles (programs) and payment batch release (payments).
approvals::Handlers all_handlers() {
    approvals::Handlers handlers = programs::approval_handlers();
    handlers.merge(payments::release_handlers());
    return handlers;
}

Result<model::ApprovalAction> path_action(R request) {
    const auto it = request.path_params.find("action");
    const std::string text = it == request.path_params.end() ? std::string() : it->second;
    Result<model::ApprovalAction> action = model::parse_enum<model::ApprovalAction>(text);
    if (!action.ok()) return make_error(ErrorCode::kNotFound, action.status().message());
    return action;
}

http::HttpResponse put_chain(StoreAccess& access, R request) {
    Result<Uuid> id = path_id(request, "id", "program");
    if (!id.ok()) return error_response(id.status());
    Result<model::ApprovalAction> action = path_action(request);
    if (!action.ok()) return error_response(action.status());
    Result<json> body = parse_json_object(request.body);
    if (!body.ok()) return error_response(body.status());
    if (Status s = reject_unknown_fields(*body, {"levels"}); !s.ok()) return error_response(s);
    Result<std::vector<model::ApprovalLevel>> levels = levels_from_json(*body);
    if (!levels.ok()) return error_response(levels.status());
    model::ApprovalChain chain{*id, *action, *levels, "", {}};
    Status st = access.transaction([&](store::Store& s) -> Status {
        return approvals::put_chain(s, chain, request.user, s.clock().now());
    });
    if (!st.ok()) return error_response(st);
    return json_response(200, {{"program_id", id->to_string()},
                               {"action", std::string(model::to_string(*action))},
                               {"configured", true},
                               {"levels", levels_to_json(*levels)}});
}

http::HttpResponse get_chain(StoreAccess& access, R request) {
    Result<Uuid> id = path_id(request, "id", "program");
    if (!id.ok()) return error_response(id.status());
    Result<model::ApprovalAction> action = path_action(request);
    if (!action.ok()) return error_response(action.status());
    json out = {{"program_id", id->to_string()}, {"action", std::string(model::to_string(*action))}};
    Status st = access.transaction([&](store::Store& s) -> Status {
        SPMIS_RETURN_IF_ERROR(s.programs().get_program(*id).status());
        SPMIS_ASSIGN_OR_RETURN(auto chain, s.approvals().find_chain(*id, *action));
        out["configured"] = chain.has_value();
        out["levels"] = levels_to_json(chain ? chain->levels : approvals::default_levels(*action));
        if (chain) out["updated_by"] = chain->updated_by;
        return {};
    });
    return st.ok() ? json_response(200, out) : error_response(st);
}

http::HttpResponse list_approvals(StoreAccess& access, R request) {
    std::string state_text = query_param(request, "state");
    if (state_text.empty()) state_text = "pending";
    Result<model::ApprovalState> state = model::parse_enum<model::ApprovalState>(state_text);
    if (!state.ok()) return error_response(state.status());
    json out = {{"approvals", json::array()}};
    Status st = access.transaction([&](store::Store& s) -> Status {
        std::vector<model::ApprovalRequest> rows;
        if (*state == model::ApprovalState::kPending) {
            SPMIS_ASSIGN_OR_RETURN(rows, approvals::actionable_requests(s, request.user, s.clock().now()));
        } else {
            SPMIS_ASSIGN_OR_RETURN(rows, s.approvals().list_requests(*state));
        }
        for (const auto& r : rows) out["approvals"].push_back(request_to_json(r));
        return {};
    });
    return st.ok() ? json_response(200, out) : error_response(st);
}

// {"count", "by_state": {state: n}} of the memberships an enrollment request covers.
Result<json> covered_summary(store::Store& s, const Uuid& request_id) {
    SPMIS_ASSIGN_OR_RETURN(auto counts, s.approvals().covered_counts(request_id));
    json out = {{"count", 0}, {"by_state", json::object()}};
    std::size_t total = 0;
    for (const auto& [state, n] : counts) {
        out["by_state"][std::string(model::to_string(state))] = n;
        total += n;
    }
    out["count"] = total;
    return out;
}

http::HttpResponse read_approval(StoreAccess& access, R request) {
    Result<Uuid> id = path_id(request, "id", "approval request");
    if (!id.ok()) return error_response(id.status());
    json out;
    Status st = access.transaction([&](store::Store& s) -> Status {
        SPMIS_ASSIGN_OR_RETURN(auto r, s.approvals().get_request(*id));
        SPMIS_ASSIGN_OR_RETURN(auto decisions, s.approvals().list_decisions(*id));
        out = request_to_json(r, &decisions);
        if (r.action == model::ApprovalAction::kEnrollment) {
            SPMIS_ASSIGN_OR_RETURN(out["memberships"], covered_summary(s, *id));
        }
        return {};
    });
    return st.ok() ? json_response(200, out) : error_response(st);
}

http::HttpResponse list_covered(StoreAccess& access, R request) {
    Result<Uuid> id = path_id(request, "id", "approval request");
    if (!id.ok()) return error_response(id.status());
    Result<std::size_t> limit =
        page_limit(request, tuning::kMembershipPageDefault, tuning::kMembershipPageMax);
    if (!limit.ok()) return error_response(limit.status());
    Result<std::optional<Uuid>> cursor = page_cursor(request);
    if (!cursor.ok()) return error_response(cursor.status());
    json out = {{"memberships", json::array()}, {"next_cursor", nullptr}};
    Status st = access.transaction([&](store::Store& s) -> Status {
        SPMIS_RETURN_IF_ERROR(s.approvals().get_request(*id).status());
        // One more row than asked tells whether there is a next page.
        SPMIS_ASSIGN_OR_RETURN(auto rows, s.approvals().covered_page(*id, *cursor, *limit + 1));
        for (std::size_t i = 0; i < rows.size() && i < *limit; ++i)
            out["memberships"].push_back(membership_to_json(rows[i]));
        if (rows.size() > *limit) out["next_cursor"] = out["memberships"].back()["id"];
        return {};
    });
    return st.ok() ? json_response(200, out) : error_response(st);
}

Result<approvals::DecisionInput> decision_input(R request, model::ApprovalVerdict verdict,
                                                const Clock& clock) {
    approvals::DecisionInput input;
    input.actor = request.user;
    input.verdict = verdict;
    input.now = clock.now();
    if (request.body.empty()) return input;
    SPMIS_ASSIGN_OR_RETURN(json body, parse_json_object(request.body));
    SPMIS_RETURN_IF_ERROR(reject_unknown_fields(body, {"comment", "on_behalf_of"}));
    if (body.contains("comment")) {
        SPMIS_ASSIGN_OR_RETURN(input.comment, string_field(body, "comment"));
    }
    if (body.contains("on_behalf_of")) {
        SPMIS_ASSIGN_OR_RETURN(input.on_behalf_of, string_field(body, "on_behalf_of"));
    }
    return input;
}

http::HttpResponse decide(StoreAccess& access, R request, model::ApprovalVerdict verdict) {
    Result<Uuid> id = path_id(request, "id", "approval request");
    if (!id.ok()) return error_response(id.status());
    Result<approvals::DecisionInput> input = decision_input(request, verdict, access.clock());
    if (!input.ok()) return error_response(input.status());
    json out;
    Status st = access.transaction([&](store::Store& s) -> Status {
        SPMIS_ASSIGN_OR_RETURN(auto r, approvals::decide(s, all_handlers(), *id, *input));
        SPMIS_ASSIGN_OR_RETURN(auto decisions, s.approvals().list_decisions(*id));
        out = request_to_json(r, &decisions);
        return {};
    });
    return st.ok() ? json_response(200, out) : error_response(st);
}

Result<model::Delegation> delegation_from(R request) {
    SPMIS_ASSIGN_OR_RETURN(json body, parse_json_object(request.body));
    SPMIS_RETURN_IF_ERROR(reject_unknown_fields(body, {"delegate", "from", "until", "reason"}));
    model::Delegation d;
    d.delegator = request.user;
    SPMIS_ASSIGN_OR_RETURN(d.delegate, string_field(body, "delegate"));
    for (auto [key, out] : {std::pair{"from", &d.from}, std::pair{"until", &d.until}}) {
        SPMIS_ASSIGN_OR_RETURN(std::string text, string_field(body, key));
        Result<Date> day = parse_date(text);
        if (!day.ok())
            return make_error(ErrorCode::kInvalidArgument,
                              std::string("field '") + key + "': " + day.status().message());
        *out = *day;
    }
    if (body.contains("reason")) {
        SPMIS_ASSIGN_OR_RETURN(d.reason, string_field(body, "reason"));
    }
    return d;
}

http::HttpResponse create_delegation(StoreAccess& access, R request) {
    Result<model::Delegation> d = delegation_from(request);
    if (!d.ok()) return error_response(d.status());
    json out;
    Status st = access.transaction([&](store::Store& s) -> Status {
        const UtcTime now = s.clock().now();
        SPMIS_ASSIGN_OR_RETURN(auto stored, approvals::add_delegation(s, *d, now));
        out = delegation_to_json(stored, date_of(now));
        return {};
    });
    return st.ok() ? json_response(201, out) : error_response(st);
}

// Whose delegations a caller may list: an administrator (users_manage) every one, or one user's
// with ?user=; anyone who takes part in approvals (program_read) their own. Administrators hold no
// program_read, yet may end any delegation, so they must be able to find one.
Result<std::string> delegations_listed_for(R request) {
    const std::optional<auth::Role> role = auth::parse_role(request.role);
    const std::string user = query_param(request, "user");
    if (role && auth::role_allows(*role, Permission::kUsersManage)) return user;
    if (!role || !auth::role_allows(*role, Permission::kProgramRead)) {
        return make_error(ErrorCode::kPermissionDenied,
                          "listing delegations needs program_read (your own) or users_manage (everyone's)");
    }
    if (!user.empty() && user != request.user) {
        return make_error(ErrorCode::kPermissionDenied,
                          "only an administrator may list another user's delegations");
    }
    return request.user;
}

http::HttpResponse list_delegations(StoreAccess& access, R request) {
    Result<std::string> whose = delegations_listed_for(request);
    if (!whose.ok()) return error_response(whose.status());
    json out = {{"delegations", json::array()}};
    Status st = access.transaction([&](store::Store& s) -> Status {
        SPMIS_ASSIGN_OR_RETURN(auto rows, s.approvals().list_delegations(*whose));
        const Date today = date_of(s.clock().now());
        for (const auto& d : rows) out["delegations"].push_back(delegation_to_json(d, today));
        return {};
    });
    return st.ok() ? json_response(200, out) : error_response(st);
}

// The body of an end request: nothing, or {"reason"?}.
Result<std::string> end_reason(R request) {
    if (request.body.empty()) return std::string();
    SPMIS_ASSIGN_OR_RETURN(json body, parse_json_object(request.body));
    SPMIS_RETURN_IF_ERROR(reject_unknown_fields(body, {"reason"}));
    if (!body.contains("reason")) return std::string();
    return string_field(body, "reason");
}

http::HttpResponse end_delegation(StoreAccess& access, R request) {
    Result<Uuid> id = path_id(request, "id", "delegation");
    if (!id.ok()) return error_response(id.status());
    Result<std::string> reason = end_reason(request);
    if (!reason.ok()) return error_response(reason.status());
    const std::optional<auth::Role> role = auth::parse_role(request.role);
    approvals::EndDelegationInput input{
        request.user, role && auth::role_allows(*role, Permission::kUsersManage), *reason, UtcTime{}};
    json out;
    Status st = access.transaction([&](store::Store& s) -> Status {
        input.now = s.clock().now();
        SPMIS_ASSIGN_OR_RETURN(auto ended, approvals::end_delegation(s, *id, input));
        out = delegation_to_json(ended, date_of(input.now));
        return {};
    });
    return st.ok() ? json_response(200, out) : error_response(st);
}

}  // namespace

void register_approval_routes(http::Router& router, StoreAccess& store) {
    using model::ApprovalVerdict;
    add_route(router,
              {"PUT", "/api/v1/programs/{id}/approval-chains/{action}", Permission::kProgramManage,
               "Configure the approval chain of a program and action "
               "(enrollment|cycle_approval|entitlement_approval|payment_release)",
               "{levels: [{role?, users?: [name], required}]}", "the chain"},
              [&store](R r) { return put_chain(store, r); });
    add_route(router,
              {"GET", "/api/v1/programs/{id}/approval-chains/{action}", Permission::kProgramRead,
               "The approval chain of a program and action (the default single level when none)", "",
               "{configured, levels}"},
              [&store](R r) { return get_chain(store, r); });
    add_route(router,
              {"GET", "/api/v1/approvals", Permission::kProgramRead,
               "Approval requests: ?state=pending (default) lists those I may decide on now", "",
               "{\"approvals\": [...]}"},
              [&store](R r) { return list_approvals(store, r); });
    add_route(router,
              {"GET", "/api/v1/approvals/{id}", Permission::kProgramRead,
               "An approval request with its history (enrollment: the count of covered memberships by state)",
               "", "the request with history"},
              [&store](R r) { return read_approval(store, r); });
    add_route(router,
              {"GET", "/api/v1/approvals/{id}/memberships", Permission::kProgramRead,
               "Memberships an enrollment approval request covers (?cursor=&limit=), in id order", "",
               "{\"memberships\": [...], \"next_cursor\": id or null}"},
              [&store](R r) { return list_covered(store, r); });
    const std::pair<const char*, ApprovalVerdict> verdicts[] = {
        {"/api/v1/approvals/{id}/approve", ApprovalVerdict::kApprove},
        {"/api/v1/approvals/{id}/reject", ApprovalVerdict::kReject}};
    for (const auto& [pattern, verdict] : verdicts) {
        add_route(router,
                  {"POST", pattern, Permission::kProgramRead,
                   "Approve or reject at the current level (directly or for a delegator)",
                   "{\"comment\"?, \"on_behalf_of\"?}",
                   "the request with history; 403 for the requester or a user outside the level, 409 when "
                   "already decided, 422 when no longer pending (decided or cancelled)"},
                  [&store, verdict = verdict](R r) { return decide(store, r, verdict); });
    }
    add_route(router,
              {"POST", "/api/v1/delegations", Permission::kProgramRead,
               "Delegate my approvals to another user for a date range", "{delegate, from, until, reason?}",
               "201 the delegation"},
              [&store](R r) { return create_delegation(store, r); });
    add_route(router,
              {"GET", "/api/v1/delegations", Permission::kAuthenticated,
               "Delegations I gave or received (program_read); every delegation, or one user's with ?user=, "
               "for an administrator (users_manage)",
               "", "{\"delegations\": [...]}; 403 for a role with neither permission or for another user's"},
              [&store](R r) { return list_delegations(store, r); });
    // Any signed-in user may ask; the rule (the delegator or an administrator) is the approvals
    // component's, since administrators hold no program_read.
    add_route(
        router,
        {"POST", "/api/v1/delegations/{id}/end", Permission::kAuthenticated,
         "End a delegation now, before its last day (audited; the record is kept with ended_at and "
         "ended_by); the delegator or an administrator (users_manage) may",
         "{\"reason\"?}",
         "the delegation, state ended; 403 for anyone but the delegator or an administrator, 404 for an "
         "unknown id, 409 when it already ended (ended before, or past its last day)"},
        [&store](R r) { return end_delegation(store, r); });
}

}  // namespace spmis::api

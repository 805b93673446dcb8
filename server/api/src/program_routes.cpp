// Programs (create with compiled rules, read, list, end, reactivate) and memberships (list by
// program and state with a cursor; pause, resume, exit through the domain state machine).

#include "program_codec.hpp"
#include "spmis/api/api.hpp"
#include "spmis/api/json_io.hpp"
#include "spmis/api/registry_api.hpp"
#include "spmis/api/tuning.hpp"
#include "spmis/base/clock.hpp"
#include "spmis/programs/program_lifecycle.hpp"
#include "store_routes_util.hpp"

namespace spmis::api {
namespace {

using auth::Permission;
using nlohmann::json;
using R = const http::HttpRequest&;

http::HttpResponse create_program(StoreAccess& access, R request) {
    Result<json> body = parse_json_object(request.body);
    if (!body.ok()) return error_response(body.status());
    Result<model::Program> p = program_from_json(*body);
    if (!p.ok()) return error_response(p.status());
    if (auto refused = check_program_rules(*p)) return *refused;
    p->id = new_uuid_v7();
    p->created_at = access.clock().now();
    Status st = access.transaction([&](store::Store& s) -> Status {
        SPMIS_ASSIGN_OR_RETURN(auto taken, s.programs().find_program_by_code(p->code));
        if (taken) return make_error(ErrorCode::kAlreadyExists, "program code '" + p->code + "' is taken");
        SPMIS_RETURN_IF_ERROR(s.programs().insert_program(*p));
        return audit_event(s, request, "program", p->id, "create", "", program_to_json(*p).dump());
    });
    return st.ok() ? json_response(201, program_to_json(*p)) : error_response(st);
}

http::HttpResponse list_programs(StoreAccess& access) {
    json out = {{"programs", json::array()}};
    Status st = access.transaction([&](store::Store& s) -> Status {
        SPMIS_ASSIGN_OR_RETURN(auto rows, s.programs().list_programs());
        for (const model::Program& p : rows) out["programs"].push_back(program_to_json(p));
        return {};
    });
    return st.ok() ? json_response(200, out) : error_response(st);
}

http::HttpResponse read_program(StoreAccess& access, R request) {
    Result<Uuid> id = path_id(request, "id", "program");
    if (!id.ok()) return error_response(id.status());
    json out;
    Status st = access.transaction([&](store::Store& s) -> Status {
        SPMIS_ASSIGN_OR_RETURN(model::Program p, s.programs().get_program(*id));
        out = program_to_json(p);
        return {};
    });
    return st.ok() ? json_response(200, out) : error_response(st);
}

// Optional {"reason": string} body of the state-changing calls; "" when absent.
Result<std::string> reason_of(R request) {
    if (request.body.empty()) return std::string();
    SPMIS_ASSIGN_OR_RETURN(json body, parse_json_object(request.body));
    SPMIS_RETURN_IF_ERROR(reject_unknown_fields(body, {"reason"}));
    if (!body.contains("reason")) return std::string();
    return string_field(body, "reason");
}

http::HttpResponse transition_error(const Status& st, std::string_view from, std::string_view to) {
    if (st.code() != ErrorCode::kIllegalTransition) return error_response(st);
    json body = {{"error",
                  {{"code", std::string(error_code_name(st.code()))},
                   {"message", st.message()},
                   {"from", std::string(from)},
                   {"to", std::string(to)}}}};
    return json_response(409, body);
}

http::HttpResponse move_program(StoreAccess& access, R request, model::ProgramState to) {
    Result<Uuid> id = path_id(request, "id", "program");
    if (!id.ok()) return error_response(id.status());
    Result<std::string> reason = reason_of(request);
    if (!reason.ok()) return error_response(reason.status());
    json out;
    model::ProgramState from = to;
    Status st = access.transaction([&](store::Store& s) -> Status {
        SPMIS_ASSIGN_OR_RETURN(model::Program before, s.programs().get_program(*id));
        from = before.state;
        SPMIS_RETURN_IF_ERROR(programs::move_program(s, *id, to, request.user, *reason));
        SPMIS_ASSIGN_OR_RETURN(model::Program after, s.programs().get_program(*id));
        out = program_to_json(after);
        return {};
    });
    return st.ok() ? json_response(200, out)
                   : transition_error(st, model::to_string(from), model::to_string(to));
}

// ?state= as a membership state, nullopt when absent.
Result<std::optional<model::MembershipState>> state_param(R request) {
    const std::string text = query_param(request, "state");
    if (text.empty()) return std::optional<model::MembershipState>();
    SPMIS_ASSIGN_OR_RETURN(auto state, model::parse_enum<model::MembershipState>(text));
    return std::optional<model::MembershipState>(state);
}

json listing_to_json(const store::MembershipListing& l) {
    json out = membership_to_json(l.membership);
    out["duplicate_of"] = l.duplicate_of ? json(l.duplicate_of->to_string()) : json(nullptr);
    return out;
}

http::HttpResponse list_memberships(StoreAccess& access, R request) {
    store::MembershipPageQuery q;
    Result<Uuid> id = path_id(request, "id", "program");
    if (!id.ok()) return error_response(id.status());
    q.program_id = *id;
    Result<std::optional<model::MembershipState>> state = state_param(request);
    if (!state.ok()) return error_response(state.status());
    q.state = *state;
    Result<std::size_t> limit =
        page_limit(request, tuning::kMembershipPageDefault, tuning::kMembershipPageMax);
    if (!limit.ok()) return error_response(limit.status());
    q.limit = *limit + 1;  // one more row tells whether there is a next page
    Result<std::optional<Uuid>> cursor = page_cursor(request);
    if (!cursor.ok()) return error_response(cursor.status());
    q.after = *cursor;
    json out = {{"memberships", json::array()}, {"next_cursor", nullptr}};
    Status st = access.transaction([&](store::Store& s) -> Status {
        SPMIS_RETURN_IF_ERROR(s.programs().get_program(*id).status());
        SPMIS_ASSIGN_OR_RETURN(auto rows, s.programs().list_membership_page(q));
        for (std::size_t i = 0; i < rows.size() && i < *limit; ++i)
            out["memberships"].push_back(listing_to_json(rows[i]));
        if (rows.size() > *limit) out["next_cursor"] = out["memberships"].back()["id"];
        return {};
    });
    return st.ok() ? json_response(200, out) : error_response(st);
}

// {"date"?: "YYYY-MM-DD" (today when absent), "reason"?} of an exit.
Result<std::pair<Date, std::string>> exit_body(R request, const Clock& clock) {
    std::pair<Date, std::string> out{date_of(clock.now()), std::string()};
    if (request.body.empty()) return out;
    SPMIS_ASSIGN_OR_RETURN(json body, parse_json_object(request.body));
    SPMIS_RETURN_IF_ERROR(reject_unknown_fields(body, {"reason", "date"}));
    if (body.contains("reason")) {
        SPMIS_ASSIGN_OR_RETURN(out.second, string_field(body, "reason"));
    }
    if (body.contains("date")) {
        SPMIS_ASSIGN_OR_RETURN(std::string text, string_field(body, "date"));
        SPMIS_ASSIGN_OR_RETURN(out.first, parse_date(text));
    }
    return out;
}

http::HttpResponse exit_membership(StoreAccess& access, R request) {
    Result<Uuid> id = path_id(request, "id", "membership");
    if (!id.ok()) return error_response(id.status());
    Result<std::pair<Date, std::string>> body = exit_body(request, access.clock());
    if (!body.ok()) return error_response(body.status());
    json out;
    model::MembershipState from = model::MembershipState::kExited;
    Status st = access.transaction([&](store::Store& s) -> Status {
        SPMIS_ASSIGN_OR_RETURN(model::ProgramMembership before, s.programs().get_membership(*id));
        from = before.state;
        SPMIS_RETURN_IF_ERROR(s.programs().exit_membership(*id, body->first, request.user, body->second));
        SPMIS_ASSIGN_OR_RETURN(model::ProgramMembership after, s.programs().get_membership(*id));
        out = membership_to_json(after);
        return {};
    });
    return st.ok() ? json_response(200, out)
                   : transition_error(st, model::to_string(from),
                                      model::to_string(model::MembershipState::kExited));
}

http::HttpResponse move_membership(StoreAccess& access, R request, model::MembershipState to) {
    Result<Uuid> id = path_id(request, "id", "membership");
    if (!id.ok()) return error_response(id.status());
    Result<std::string> reason = reason_of(request);
    if (!reason.ok()) return error_response(reason.status());
    json out;
    model::MembershipState from = to;
    Status st = access.transaction([&](store::Store& s) -> Status {
        SPMIS_ASSIGN_OR_RETURN(model::ProgramMembership before, s.programs().get_membership(*id));
        from = before.state;
        SPMIS_RETURN_IF_ERROR(s.programs().transition_membership(*id, to, request.user, *reason));
        SPMIS_ASSIGN_OR_RETURN(model::ProgramMembership after, s.programs().get_membership(*id));
        out = membership_to_json(after);
        return {};
    });
    return st.ok() ? json_response(200, out)
                   : transition_error(st, model::to_string(from), model::to_string(to));
}

}  // namespace

void register_program_routes(http::Router& router, StoreAccess& store) {
    using model::MembershipState;
    using model::ProgramState;
    add_route(
        router,
        {"POST", "/api/v1/programs", Permission::kProgramManage, "Create a program (rules must compile)",
         "{code, name, target, eligibility_cel, compliance_cel?, kind, entitlement_rule {kind: fixed|cel, "
         "value|cel}, currency, item, quantity, unit, variables {name: CEL}}",
         "201 the program; 400 with field, line and column when a rule does not compile"},
        [&store](R r) { return create_program(store, r); });
    add_route(
        router,
        {"GET", "/api/v1/programs", Permission::kProgramRead, "List programs", "", "{\"programs\": [...]}"},
        [&store](R) { return list_programs(store); });
    add_route(router,
              {"GET", "/api/v1/programs/{id}", Permission::kProgramRead, "Read a program", "", "the program"},
              [&store](R r) { return read_program(store, r); });
    add_route(
        router,
        {"POST", "/api/v1/programs/{id}/end", Permission::kProgramManage,
         "End a program (cancels its draft, to-approve and approved cycles)", "{\"reason\"?}", "the program"},
        [&store](R r) { return move_program(store, r, ProgramState::kEnded); });
    add_route(router,
              {"POST", "/api/v1/programs/{id}/reactivate", Permission::kProgramManage,
               "Reactivate an ended program", "{\"reason\"?}", "the program"},
              [&store](R r) { return move_program(store, r, ProgramState::kActive); });
    add_route(router,
              {"GET", "/api/v1/programs/{id}/memberships", Permission::kProgramRead,
               "Memberships of a program (?state=&cursor=&limit=), paged in the database", "",
               "{\"memberships\": [... with duplicate_of], \"next_cursor\": id or null}"},
              [&store](R r) { return list_memberships(store, r); });
    const std::pair<const char*, MembershipState> moves[] = {
        {"/api/v1/memberships/{id}/pause", MembershipState::kPaused},
        {"/api/v1/memberships/{id}/resume", MembershipState::kEnrolled}};
    for (const auto& [pattern, to] : moves) {
        add_route(
            router,
            {"POST", pattern, Permission::kEnrollmentRun, "Move a membership (checked by the state machine)",
             "{\"reason\"?}", "the membership; 409 naming from and to when illegal"},
            [&store, to = to](R r) { return move_membership(store, r, to); });
    }
    add_route(router,
              {"POST", "/api/v1/memberships/{id}/exit", Permission::kEnrollmentRun,
               "Exit a membership on a date (checked by the state machine)",
               "{\"date\"?: YYYY-MM-DD (today when absent), \"reason\"?}",
               "the membership with its exit_date; 409 naming from and to when illegal"},
              [&store](R r) { return exit_membership(store, r); });
}

}  // namespace spmis::api

// /api/v1/grievances: open, list, read with history, move, assign, annotate, appeal, export. The
// grievance service decides; each request is one store transaction, so a refusal changes nothing.
// A sensitive ticket is invisible (404, left out of lists and exports) to a role without
// grievance_read_sensitive.

#include "grievance_codec.hpp"
#include "spmis/api/api.hpp"
#include "spmis/api/json_io.hpp"
#include "spmis/api/registry_api.hpp"
#include "spmis/grievances/states.hpp"
#include "store_routes_util.hpp"

namespace spmis::api {
namespace {

using auth::Permission;
using nlohmann::json;
using R = const http::HttpRequest&;

constexpr std::size_t kDefaultPage = 50;
constexpr std::size_t kMaxPage = 500;

bool reads_sensitive(R request) {
    const auto role = auth::parse_role(request.role);
    return role && auth::role_allows(*role, Permission::kGrievanceReadSensitive);
}

// The ticket of the {id} path parameter as this request may see it.
Result<store::Grievance> visible_ticket(store::Store& s, R request) {
    SPMIS_ASSIGN_OR_RETURN(Uuid id, path_id(request, "id", "grievance"));
    SPMIS_ASSIGN_OR_RETURN(store::Grievance g, s.grievances().get_grievance(id));
    if (g.sensitive && !reads_sensitive(request))
        return make_error(ErrorCode::kNotFound, "grievance " + id.to_string() + " does not exist");
    return g;
}

Result<json> detail(store::Store& s, const store::Grievance& g) {
    json out = grievance_json(g, s.clock().now());
    SPMIS_ASSIGN_OR_RETURN(auto events, s.grievances().list_grievance_events(g.id));
    out["history"] = json::array();
    for (const store::GrievanceEvent& e : events) out["history"].push_back(grievance_event_json(e));
    return out;
}

// Runs `body` (which leaves the ticket's id in *id) in one transaction, then answers with the
// ticket's detail.
http::HttpResponse answer_with_detail(StoreAccess& access, int status,
                                      const std::function<Result<Uuid>(store::Store&)>& body) {
    json out;
    Status st = access.transaction([&](store::Store& s) -> Status {
        SPMIS_ASSIGN_OR_RETURN(Uuid id, body(s));
        SPMIS_ASSIGN_OR_RETURN(store::Grievance g, s.grievances().get_grievance(id));
        SPMIS_ASSIGN_OR_RETURN(out, detail(s, g));
        return {};
    });
    return st.ok() ? json_response(status, out) : error_response(st);
}

http::HttpResponse open_ticket(StoreAccess& access, R request) {
    Result<json> body = parse_json_object(request.body);
    if (!body.ok()) return error_response(body.status());
    Result<grievances::OpenRequest> open = open_request_from_json(*body);
    if (!open.ok()) return error_response(open.status());
    if (open->sensitive && !reads_sensitive(request))
        return error_response(make_error(ErrorCode::kPermissionDenied,
                                         "opening a sensitive ticket needs grievance_read_sensitive"));
    return answer_with_detail(access, 201, [&](store::Store& s) -> Result<Uuid> {
        SPMIS_ASSIGN_OR_RETURN(store::Grievance g, grievances::open_grievance(s, *open, request.user));
        return g.id;
    });
}

Result<store::GrievanceFilter> list_filter(R request) {
    store::GrievanceFilter f;
    for (auto [key, field] : {std::pair{"state", &store::GrievanceFilter::state},
                              {"category", &store::GrievanceFilter::category},
                              {"priority", &store::GrievanceFilter::priority},
                              {"assignee", &store::GrievanceFilter::assignee}}) {
        if (std::string v = query_param(request, key); !v.empty()) f.*field = v;
    }
    if (f.state && !grievances::is_one_of(grievances::states(), *f.state))
        return make_error(ErrorCode::kInvalidArgument, "state '" + *f.state + "' is unknown");
    if (f.priority && !grievances::is_one_of(grievances::priorities(), *f.priority))
        return make_error(ErrorCode::kInvalidArgument, "priority must be low, normal, high or urgent");
    const std::string open = query_param(request, "open");
    if (!open.empty() && open != "true" && open != "false")
        return make_error(ErrorCode::kInvalidArgument, "open must be true or false");
    f.open_only = open == "true";
    f.include_sensitive = reads_sensitive(request);
    SPMIS_ASSIGN_OR_RETURN(f.before, page_cursor(request));
    SPMIS_ASSIGN_OR_RETURN(f.limit, page_limit(request, kDefaultPage, kMaxPage));
    return f;
}

http::HttpResponse list_tickets(StoreAccess& access, R request) {
    Result<store::GrievanceFilter> filter = list_filter(request);
    if (!filter.ok()) return error_response(filter.status());
    const std::size_t limit = filter->limit;
    filter->limit = limit + 1;  // one more than the page tells whether another page follows
    json out = {{"grievances", json::array()}, {"next_cursor", nullptr}};
    Status st = access.transaction([&](store::Store& s) -> Status {
        SPMIS_ASSIGN_OR_RETURN(auto tickets, s.grievances().list_grievances(*filter));
        if (tickets.size() > limit) {
            tickets.resize(limit);
            out["next_cursor"] = tickets.back().id.to_string();
        }
        for (const store::Grievance& g : tickets)
            out["grievances"].push_back(grievance_json(g, s.clock().now()));
        return {};
    });
    return st.ok() ? json_response(200, out) : error_response(st);
}

http::HttpResponse read_ticket(StoreAccess& access, R request) {
    return answer_with_detail(access, 200, [&](store::Store& s) -> Result<Uuid> {
        SPMIS_ASSIGN_OR_RETURN(store::Grievance g, visible_ticket(s, request));
        return g.id;
    });
}

// A POST on one ticket: its body's fields checked against `allowed`, then `act` on the visible ticket.
http::HttpResponse act_on_ticket(
    StoreAccess& access, R request, std::initializer_list<std::string_view> allowed, int status,
    const std::function<Result<Uuid>(store::Store&, const store::Grievance&, const json&)>& act) {
    Result<json> body = parse_json_object(request.body);
    if (!body.ok()) return error_response(body.status());
    if (Status s = reject_unknown_fields(*body, allowed); !s.ok()) return error_response(s);
    return answer_with_detail(access, status, [&](store::Store& s) -> Result<Uuid> {
        SPMIS_ASSIGN_OR_RETURN(store::Grievance g, visible_ticket(s, request));
        return act(s, g, *body);
    });
}

Result<std::string> optional_text(const json& body, const char* key) {
    if (!body.contains(key) || body[key].is_null()) return std::string();
    return string_field(body, key);
}

http::HttpResponse move_ticket(StoreAccess& access, R request) {
    return act_on_ticket(
        access, request, {"to", "reason", "decision"}, 200,
        [&](store::Store& s, const store::Grievance& g, const json& body) -> Result<Uuid> {
            SPMIS_ASSIGN_OR_RETURN(std::string to, string_field(body, "to"));
            SPMIS_ASSIGN_OR_RETURN(std::string reason, string_field(body, "reason"));
            SPMIS_ASSIGN_OR_RETURN(std::string decision, optional_text(body, "decision"));
            SPMIS_RETURN_IF_ERROR(
                grievances::transition_grievance(s, g.id, to, decision, request.user, reason).status());
            return g.id;
        });
}

http::HttpResponse assign_ticket(StoreAccess& access, R request) {
    return act_on_ticket(
        access, request, {"assignee", "reason"}, 200,
        [&](store::Store& s, const store::Grievance& g, const json& body) -> Result<Uuid> {
            SPMIS_ASSIGN_OR_RETURN(std::string assignee, string_field(body, "assignee"));
            SPMIS_ASSIGN_OR_RETURN(std::string reason, optional_text(body, "reason"));
            SPMIS_RETURN_IF_ERROR(
                grievances::assign_grievance(s, g.id, assignee, request.user, reason).status());
            return g.id;
        });
}

http::HttpResponse note_ticket(StoreAccess& access, R request) {
    return act_on_ticket(
        access, request, {"text"}, 201,
        [&](store::Store& s, const store::Grievance& g, const json& body) -> Result<Uuid> {
            SPMIS_ASSIGN_OR_RETURN(std::string text, string_field(body, "text"));
            SPMIS_RETURN_IF_ERROR(grievances::add_grievance_note(s, g.id, request.user, text));
            return g.id;
        });
}

http::HttpResponse appeal_ticket(StoreAccess& access, R request) {
    return act_on_ticket(access, request, {"reason"}, 201,
                         [&](store::Store& s, const store::Grievance& g, const json& body) -> Result<Uuid> {
                             SPMIS_ASSIGN_OR_RETURN(std::string reason, string_field(body, "reason"));
                             SPMIS_ASSIGN_OR_RETURN(
                                 store::Grievance appeal,
                                 grievances::appeal_grievance(s, g.id, request.user, reason));
                             return appeal.id;
                         });
}

http::HttpResponse list_categories(StoreAccess& access) {
    json out = {{"categories", json::array()}};
    Status st = access.transaction([&](store::Store& s) -> Status {
        SPMIS_ASSIGN_OR_RETURN(auto categories, s.grievances().list_grievance_categories());
        for (const auto& c : categories) out["categories"].push_back(grievance_category_json(c));
        return {};
    });
    return st.ok() ? json_response(200, out) : error_response(st);
}

Result<std::int64_t> hours_field(const json& body, const char* key) {
    if (!body.contains(key) || !body[key].is_number_integer())
        return make_error(ErrorCode::kInvalidArgument,
                          std::string("field '") + key + "' must be a whole number of hours");
    return body[key].get<std::int64_t>();
}

Result<std::vector<std::string>> code_list(const json& body, const char* key) {
    if (!body.contains(key) || !body[key].is_array())
        return make_error(ErrorCode::kInvalidArgument,
                          std::string("field '") + key + "' must be an array of codes");
    std::vector<std::string> out;
    for (const json& item : body[key]) {
        if (!item.is_string())
            return make_error(ErrorCode::kInvalidArgument,
                              std::string("field '") + key + "' must hold strings");
        out.push_back(item.get<std::string>());
    }
    return out;
}

Result<store::GrievanceCategory> category_from_json(R request, const json& body) {
    SPMIS_RETURN_IF_ERROR(reject_unknown_fields(
        body, {"name", "response_hours", "resolution_hours", "escalate_to", "subcategories"}));
    store::GrievanceCategory c;
    c.code = request.path_params.at("code");
    SPMIS_ASSIGN_OR_RETURN(c.name, string_field(body, "name"));
    SPMIS_ASSIGN_OR_RETURN(c.response_hours, hours_field(body, "response_hours"));
    SPMIS_ASSIGN_OR_RETURN(c.resolution_hours, hours_field(body, "resolution_hours"));
    SPMIS_ASSIGN_OR_RETURN(c.escalate_to, string_field(body, "escalate_to"));
    if (!auth::parse_role(c.escalate_to))
        return make_error(ErrorCode::kInvalidArgument, "escalate_to must name a role");
    SPMIS_ASSIGN_OR_RETURN(c.subcategories, code_list(body, "subcategories"));
    return c;
}

http::HttpResponse put_category(StoreAccess& access, R request) {
    Result<json> body = parse_json_object(request.body);
    if (!body.ok()) return error_response(body.status());
    Result<store::GrievanceCategory> category = category_from_json(request, *body);
    if (!category.ok()) return error_response(category.status());
    Status st = access.transaction(
        [&](store::Store& s) { return grievances::configure_category(s, *category, request.user); });
    return st.ok() ? json_response(200, grievance_category_json(*category)) : error_response(st);
}

// ?from=YYYY-MM-DD&until=YYYY-MM-DD, both days included.
Result<std::pair<UtcTime, UtcTime>> export_period(R request) {
    Result<Date> from = parse_date(query_param(request, "from"));
    Result<Date> until = parse_date(query_param(request, "until"));
    if (!from.ok() || !until.ok())
        return make_error(ErrorCode::kInvalidArgument, "from and until must be dates (YYYY-MM-DD)");
    if (std::chrono::sys_days(*until) < std::chrono::sys_days(*from))
        return make_error(ErrorCode::kInvalidArgument, "until must not be before from");
    return std::pair{start_of(*from), start_of(*until) + std::chrono::days(1)};
}

http::HttpResponse export_tickets(StoreAccess& access, R request) {
    Result<std::pair<UtcTime, UtcTime>> period = export_period(request);
    if (!period.ok()) return error_response(period.status());
    std::string csv;
    Status st = access.transaction([&](store::Store& s) -> Status {
        SPMIS_ASSIGN_OR_RETURN(
            csv, grievances::grievances_csv(s, period->first, period->second, reads_sensitive(request)));
        return {};
    });
    if (!st.ok()) return error_response(st);
    http::HttpResponse response{200, {}, csv};
    response.headers["Content-Type"] = "text/csv; charset=utf-8";
    return response;
}

}  // namespace

void register_grievance_routes(http::Router& router, StoreAccess& store) {
    add_route(
        router,
        {"GET", "/api/v1/grievances/categories", Permission::kProgramRead,
         "Grievance categories with their service levels (hours) and subcategories", "",
         "{\"categories\": [{\"code\", \"name\", \"response_hours\", \"resolution_hours\", \"escalate_to\", "
         "\"subcategories\": [code]}]}"},
        [&store](R) { return list_categories(store); });
    add_route(router,
              {"PUT", "/api/v1/grievances/categories/{code}", Permission::kConfigManage,
               "Create or replace a grievance category (open tickets keep their deadlines)",
               "{\"name\", \"response_hours\": int, \"resolution_hours\": int, \"escalate_to\": role, "
               "\"subcategories\": [code]}",
               "the category; 400 naming a bad field"},
              [&store](R r) { return put_category(store, r); });
    add_route(router,
              {"POST", "/api/v1/grievances", Permission::kGrievanceOpen,
               "Open a grievance ticket; the server numbers it (GRV-000123) and fixes its deadlines",
               "{\"category\", \"subcategory\", \"priority\": low|normal|high|urgent, \"channel\": "
               "field_desk|phone|walk_in|web|sms, \"complainant_id\": id or null (anonymous), \"sensitive\": "
               "bool, \"description\", \"registrant_id\": id or null, \"household_id\": id or null, "
               "\"program_id\": id or null, \"entitlement_id\": id or null, \"payment_id\": id or null, "
               "\"redemption_id\": id or null, \"service_point_id\": id or null, \"case_id\": id or null}",
               "201 the ticket with its history; 400 naming a bad field or an unknown linked record"},
              [&store](R r) { return open_ticket(store, r); });
    add_route(router,
              {"GET", "/api/v1/grievances", Permission::kProgramRead,
               "Grievance tickets, newest first (query: state, category, priority, assignee, open, cursor, "
               "limit 1-500, default 50); sensitive ones only for grievance_read_sensitive",
               "", "{\"grievances\": [ticket with \"sla\"], \"next_cursor\": id or null}"},
              [&store](R r) { return list_tickets(store, r); });
    add_route(router,
              {"GET", "/api/v1/grievances/export", Permission::kProgramRead,
               "CSV of the tickets opened in a period with their service-level figures (query: from, until)",
               "", "text/csv"},
              [&store](R r) { return export_tickets(store, r); });
    add_route(router,
              {"GET", "/api/v1/grievances/{id}", Permission::kProgramRead,
               "A ticket with its service levels and history", "", "the ticket with \"history\""},
              [&store](R r) { return read_ticket(store, r); });
    add_route(
        router,
        {"POST", "/api/v1/grievances/{id}/transitions", Permission::kGrievanceResolve,
         "Move a ticket: in_progress, on_hold, resolved (with a decision), closed, rejected",
         "{\"to\", \"reason\", \"decision\": upheld|partially_upheld|not_upheld|withdrawn|referred or null}",
         "the ticket; 409 for a move the state machine does not allow"},
        [&store](R r) { return move_ticket(store, r); });
    add_route(router,
              {"POST", "/api/v1/grievances/{id}/assignment", Permission::kGrievanceAssign,
               "Assign a ticket to a staff user (a new ticket becomes assigned)",
               "{\"assignee\", \"reason\"}", "the ticket"},
              [&store](R r) { return assign_ticket(store, r); });
    add_route(router,
              {"POST", "/api/v1/grievances/{id}/notes", Permission::kGrievanceOpen, "Add a note to a ticket",
               "{\"text\"}", "201 the ticket with its history"},
              [&store](R r) { return note_ticket(store, r); });
    add_route(router,
              {"POST", "/api/v1/grievances/{id}/appeals", Permission::kGrievanceOpen,
               "Appeal a resolved or closed ticket: opens a new ticket linked to it", "{\"reason\"}",
               "201 the new ticket; 409 before resolution"},
              [&store](R r) { return appeal_ticket(store, r); });
}

}  // namespace spmis::api

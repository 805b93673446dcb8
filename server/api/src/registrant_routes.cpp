// Registrants: create, read (with a household's members), update (audited before/after by the
// store), search with cursor pagination, members, benefits, and the CSV import of the CLI over HTTP.

#include <sstream>

#include "registrant_benefits.hpp"
#include "registrant_codec.hpp"
#include "spmis/api/api.hpp"
#include "spmis/api/json_io.hpp"
#include "spmis/api/registry_api.hpp"
#include "spmis/base/clock.hpp"
#include "spmis/model/record_json.hpp"
#include "spmis/registry_import/registry_import.hpp"
#include "store_routes_util.hpp"

namespace spmis::api {
namespace {

using auth::Permission;
using nlohmann::json;

constexpr std::size_t kDefaultPage = 50;
constexpr std::size_t kMaxPage = 500;

// A registrant's area must exist: a dangling reference is the client's mistake, not a 500.
Status check_area(store::Store& s, const model::Registrant& r) {
    if (!r.area_id) return {};
    Result<model::Area> area = s.registry().get_area(*r.area_id);
    if (area.status().code() == ErrorCode::kNotFound) {
        return make_error(ErrorCode::kInvalidArgument, "area_id '" + r.area_id->to_string() + "' is unknown");
    }
    return area.status();
}

Result<json> members_json(store::Store& s, const Uuid& group_id) {
    SPMIS_ASSIGN_OR_RETURN(auto members, s.registry().list_group_members(group_id));
    json out = json::array();
    for (const model::GroupMembership& m : members) {
        SPMIS_ASSIGN_OR_RETURN(model::Registrant person, s.registry().get_registrant(m.individual_id));
        json item = registrant_to_json(person);
        item["membership_kind"] = std::string(model::to_string(m.kind));
        out.push_back(std::move(item));
    }
    return out;
}

http::HttpResponse create(StoreAccess& access, const http::HttpRequest& request) {
    Result<json> body = parse_json_object(request.body);
    if (!body.ok()) return error_response(body.status());
    model::Registrant r;
    if (Status st = apply_registrant_fields(*body, true, &r); !st.ok()) return error_response(st);
    r.id = new_uuid_v7();
    r.created_at = r.updated_at = access.clock().now();
    Status st = access.transaction([&](store::Store& s) -> Status {
        SPMIS_RETURN_IF_ERROR(check_area(s, r));
        SPMIS_RETURN_IF_ERROR(s.registry().insert_registrant(r));
        return audit_event(s, request, "registrant", r.id, "create", "", model::registrant_json(r));
    });
    if (!st.ok()) return error_response(st);
    return json_response(201, registrant_to_json(r));
}

http::HttpResponse read(StoreAccess& access, const http::HttpRequest& request) {
    Result<Uuid> id = path_id(request, "id", "registrant");
    if (!id.ok()) return error_response(id.status());
    json out;
    Status st = access.transaction([&](store::Store& s) -> Status {
        SPMIS_ASSIGN_OR_RETURN(model::Registrant r, s.registry().get_registrant(*id));
        out = registrant_to_json(r);
        if (r.kind == model::RegistrantKind::kGroup) {
            SPMIS_ASSIGN_OR_RETURN(out["members"], members_json(s, r.id));
        }
        return {};
    });
    return st.ok() ? json_response(200, out) : error_response(st);
}

http::HttpResponse update(StoreAccess& access, const http::HttpRequest& request) {
    Result<Uuid> id = path_id(request, "id", "registrant");
    if (!id.ok()) return error_response(id.status());
    Result<json> body = parse_json_object(request.body);
    if (!body.ok()) return error_response(body.status());
    json out;
    Status st = access.transaction([&](store::Store& s) -> Status {
        SPMIS_ASSIGN_OR_RETURN(model::Registrant r, s.registry().get_registrant(*id));
        const model::Registrant before = r;
        SPMIS_RETURN_IF_ERROR(apply_registrant_fields(*body, false, &r));
        // Nothing to change: no write, no audit event, no new version for devices to pull.
        if (r == before) {
            out = registrant_to_json(r);
            return Status{};
        }
        SPMIS_RETURN_IF_ERROR(check_area(s, r));
        r.updated_at = s.clock().now();
        SPMIS_RETURN_IF_ERROR(s.registry().update_registrant(r, request.user, "api update"));
        out = registrant_to_json(r);
        return {};
    });
    return st.ok() ? json_response(200, out) : error_response(st);
}

http::HttpResponse search(StoreAccess& access, const http::HttpRequest& request) {
    store::RegistrantQuery q;
    q.name_prefix = query_param(request, "name");
    q.external_id = query_param(request, "external_id");
    q.national_id = query_param(request, "national_id");
    Result<std::size_t> limit = page_limit(request, kDefaultPage, kMaxPage);
    if (!limit.ok()) return error_response(limit.status());
    q.limit = *limit;
    Result<std::optional<Uuid>> cursor = page_cursor(request);
    if (!cursor.ok()) return error_response(cursor.status());
    q.after_id = *cursor;
    json out = {{"registrants", json::array()}, {"next_cursor", nullptr}};
    Status st = access.transaction([&](store::Store& s) -> Status {
        if (const std::string area = query_param(request, "area"); !area.empty()) {
            // An area is named by its code (as in CSV files) or by its id.
            SPMIS_ASSIGN_OR_RETURN(std::optional<model::Area> found, s.registry().find_area_by_code(area));
            Result<Uuid> as_id = Uuid::parse(area);
            if (!found && !as_id.ok())
                return make_error(ErrorCode::kInvalidArgument, "unknown area '" + area + "'");
            q.area_id = found ? found->id : *as_id;
        }
        SPMIS_ASSIGN_OR_RETURN(auto rows, s.registry().search_registrants(q));
        for (const model::Registrant& r : rows) out["registrants"].push_back(registrant_to_json(r));
        if (rows.size() == q.limit) out["next_cursor"] = rows.back().id.to_string();
        return {};
    });
    return st.ok() ? json_response(200, out) : error_response(st);
}

http::HttpResponse members(StoreAccess& access, const http::HttpRequest& request) {
    Result<Uuid> id = path_id(request, "id", "registrant");
    if (!id.ok()) return error_response(id.status());
    json out;
    Status st = access.transaction([&](store::Store& s) -> Status {
        SPMIS_ASSIGN_OR_RETURN(model::Registrant r, s.registry().get_registrant(*id));
        SPMIS_ASSIGN_OR_RETURN(json list, members_json(s, r.id));
        out = {{"group_id", r.id.to_string()}, {"members", std::move(list)}};
        return {};
    });
    return st.ok() ? json_response(200, out) : error_response(st);
}

http::HttpResponse benefits(StoreAccess& access, const http::HttpRequest& request) {
    Result<Uuid> id = path_id(request, "id", "registrant");
    if (!id.ok()) return error_response(id.status());
    json out;
    Status st = access.transaction([&](store::Store& s) -> Status {
        SPMIS_ASSIGN_OR_RETURN(out, registrant_benefits(s, *id));
        return {};
    });
    return st.ok() ? json_response(200, out) : error_response(st);
}

http::HttpResponse import_csv(StoreAccess& access, const http::HttpRequest& request) {
    std::istringstream csv(request.body);
    registry_import::ImportOptions options;
    options.actor = request.user;
    std::vector<registry_import::RowProblem> problems;
    options.problems = &problems;
    registry_import::ImportReport report;
    Status st = access.transaction([&](store::Store& s) -> Status {
        SPMIS_ASSIGN_OR_RETURN(report, registry_import::import_registry_csv(s, csv, options));
        return {};
    });
    if (!st.ok() && !problems.empty()) {
        // Every bad row, not only those the message lists: a screen shows them all as a table.
        http::HttpResponse refused = error_response(st);
        nlohmann::json body = nlohmann::json::parse(refused.body);
        body["error"]["problems"] = nlohmann::json::array();
        for (const registry_import::RowProblem& p : problems)
            body["error"]["problems"].push_back(
                {{"line", p.line}, {"column", p.column}, {"message", p.message}});
        refused.body = body.dump();
        return refused;
    }
    if (!st.ok()) return error_response(st);
    return json_response(200, {{"rows", report.rows},
                               {"groups_created", report.groups_created},
                               {"individuals_created", report.individuals_created},
                               {"updated", report.updated},
                               {"unchanged", report.unchanged},
                               {"memberships_changed", report.memberships_changed}});
}

}  // namespace

void register_registrant_routes(http::Router& router, StoreAccess& store) {
    using R = const http::HttpRequest&;
    add_route(
        router,
        {"POST", "/api/v1/registrants", Permission::kRegistryWrite, "Create a registrant",
         "registrant fields: kind, external_id, name, given_name, family_name, birthdate, sex, area_id, "
         "phone, national_id, disability, income {minor_units, currency}, pmt_score, "
         "vulnerability_score, attributes [{name, type, value}]",
         "201 the registrant"},
        [&store](R r) { return create(store, r); });
    add_route(router,
              {"POST", "/api/v1/registrants/import", Permission::kRegistryWrite,
               "Import registrants from CSV (docs/registry-csv.md), all or nothing", "text/csv",
               "200 counts; 400 naming line and column of every bad row (nothing written): the message lists "
               "the first 20, error.problems [{line, column, message}] all of them"},
              [&store](R r) { return import_csv(store, r); });
    add_route(router,
              {"GET", "/api/v1/registrants", Permission::kRegistryRead,
               "Search registrants (?name= prefix of any word of the name, accents and case ignored; "
               "&external_id=&national_id=&area=code|id&cursor=&limit=)",
               "", "{\"registrants\": [...], \"next_cursor\": id or null}"},
              [&store](R r) { return search(store, r); });
    add_route(router,
              {"GET", "/api/v1/registrants/{id}", Permission::kRegistryRead,
               "Read a registrant (a group with its members)", "", "the registrant"},
              [&store](R r) { return read(store, r); });
    add_route(router,
              {"PATCH", "/api/v1/registrants/{id}", Permission::kRegistryWrite,
               "Update fields of a registrant (audited with before/after)", "the fields to change",
               "the updated registrant"},
              [&store](R r) { return update(store, r); });
    add_route(router,
              {"GET", "/api/v1/registrants/{id}/members", Permission::kRegistryRead, "Members of a group", "",
               "{\"group_id\", \"members\": [registrant + membership_kind]}"},
              [&store](R r) { return members(store, r); });
    add_route(
        router,
        {"GET", "/api/v1/registrants/{id}/benefits", Permission::kProgramRead,
         "What a registrant receives, with its household's members (a household) or its households "
         "(an individual): memberships in every program, entitlements with their balance, redemptions "
         "and attendance",
         "",
         "{\"registrant_id\", \"holders\": [{id, name, kind, relation: self|member|household}], "
         "\"memberships\": [membership + program_code, program_name], \"entitlements\": [entitlement + "
         "program_code, cycle_name, granted_milli, redeemed_milli, remaining_milli (thousandths of the "
         "quantity or of the minor unit; redeemed and remaining null for cash, which is paid, not "
         "redeemed)], \"redemptions\": [{id, entitlement_id, service_point_id, event_id, device_id, "
         "quantity_milli, recipient, proxy_name, credential_id, recorded_by, at, voided, voided_by}], "
         "\"attendance\": [{id, registrant_id, event_id, service_point_id, program_id, event_starts_at, "
         "device_id, recorded_by, at}]}; grouped by holder (self first), oldest first within each; 404 "
         "for an unknown registrant"},
        [&store](R r) { return benefits(store, r); });
}

}  // namespace spmis::api

// Areas and service points: create (audited), list, read.

#include "registrant_codec.hpp"
#include "spmis/api/api.hpp"
#include "spmis/api/json_io.hpp"
#include "spmis/api/registry_api.hpp"
#include "store_routes_util.hpp"

namespace spmis::api {
namespace {

using auth::Permission;
using nlohmann::json;

json optional_id(const std::optional<Uuid>& id) { return id ? json(id->to_string()) : json(nullptr); }

json area_json(const model::Area& a) {
    return {{"id", a.id.to_string()},
            {"code", a.code},
            {"name", a.name},
            {"level", a.level},
            {"parent_id", optional_id(a.parent_id)}};
}

json service_point_json(const model::ServicePoint& sp) {
    json programs = json::array();
    for (const Uuid& p : sp.program_ids) programs.push_back(p.to_string());
    return {{"id", sp.id.to_string()},
            {"code", sp.code},
            {"name", sp.name},
            {"area_id", optional_id(sp.area_id)},
            {"capacity_per_day", sp.capacity_per_day},
            {"program_ids", programs}};
}

Status non_empty(const std::string& value, const char* key) {
    if (value.empty())
        return make_error(ErrorCode::kInvalidArgument, std::string("field '") + key + "' is required");
    return {};
}

Result<int> int_field(const json& body, const char* key, int fallback) {
    if (!body.contains(key)) return fallback;
    if (!body[key].is_number_integer() || body[key].get<std::int64_t>() < 0 ||
        body[key].get<std::int64_t>() > 1000000) {
        return make_error(ErrorCode::kInvalidArgument,
                          std::string("field '") + key + "' must be a small integer >= 0");
    }
    return body[key].get<int>();
}

// A referenced record must exist: a dangling id is the client's mistake (400), not a 500.
template <typename T>
Status must_exist(const Result<T>& lookup, const char* what, const Uuid& id) {
    if (lookup.status().code() == ErrorCode::kNotFound) {
        return make_error(ErrorCode::kInvalidArgument,
                          std::string(what) + " '" + id.to_string() + "' is unknown");
    }
    return lookup.status();
}

http::HttpResponse create_area(StoreAccess& access, const http::HttpRequest& request) {
    Result<json> body = parse_json_object(request.body);
    if (!body.ok()) return error_response(body.status());
    if (Status s = reject_unknown_fields(*body, {"code", "name", "level", "parent_id"}); !s.ok())
        return error_response(s);
    model::Area a;
    a.id = new_uuid_v7();
    Result<std::string> code = string_field(*body, "code");
    Result<std::string> name = string_field(*body, "name");
    Result<int> level = int_field(*body, "level", 0);
    Result<std::optional<Uuid>> parent = optional_uuid_field(*body, "parent_id");
    for (const Status& s : {code.status(), name.status(), level.status(), parent.status()})
        if (!s.ok()) return error_response(s);
    a.code = *code, a.name = *name, a.level = *level, a.parent_id = *parent;
    if (Status s = non_empty(a.code, "code"); !s.ok()) return error_response(s);
    Status st = access.transaction([&](store::Store& s) -> Status {
        if (a.parent_id)
            SPMIS_RETURN_IF_ERROR(
                must_exist(s.registry().get_area(*a.parent_id), "parent area", *a.parent_id));
        SPMIS_ASSIGN_OR_RETURN(auto taken, s.registry().find_area_by_code(a.code));
        if (taken) return make_error(ErrorCode::kAlreadyExists, "area code '" + a.code + "' is taken");
        SPMIS_RETURN_IF_ERROR(s.registry().insert_area(a));
        return audit_event(s, request, "area", a.id, "create", "", area_json(a).dump());
    });
    return st.ok() ? json_response(201, area_json(a)) : error_response(st);
}

http::HttpResponse list_areas(StoreAccess& access) {
    json out = {{"areas", json::array()}};
    Status st = access.transaction([&](store::Store& s) -> Status {
        SPMIS_ASSIGN_OR_RETURN(auto areas, s.registry().list_areas());
        for (const model::Area& a : areas) out["areas"].push_back(area_json(a));
        return {};
    });
    return st.ok() ? json_response(200, out) : error_response(st);
}

http::HttpResponse read_area(StoreAccess& access, const http::HttpRequest& request) {
    Result<Uuid> id = path_id(request, "id", "area");
    if (!id.ok()) return error_response(id.status());
    json out;
    Status st = access.transaction([&](store::Store& s) -> Status {
        SPMIS_ASSIGN_OR_RETURN(model::Area a, s.registry().get_area(*id));
        out = area_json(a);
        return {};
    });
    return st.ok() ? json_response(200, out) : error_response(st);
}

Result<std::vector<Uuid>> id_list(const json& body, const char* key) {
    std::vector<Uuid> ids;
    if (!body.contains(key)) return ids;
    if (!body[key].is_array())
        return make_error(ErrorCode::kInvalidArgument,
                          std::string("field '") + key + "' must be an array of ids");
    for (const json& item : body[key]) {
        Result<Uuid> id = item.is_string() ? Uuid::parse(item.get<std::string>())
                                           : Result<Uuid>(make_error(ErrorCode::kInvalidArgument, ""));
        if (!id.ok())
            return make_error(ErrorCode::kInvalidArgument,
                              std::string("field '") + key + "' holds an invalid id");
        ids.push_back(*id);
    }
    return ids;
}

http::HttpResponse create_service_point(StoreAccess& access, const http::HttpRequest& request) {
    Result<json> body = parse_json_object(request.body);
    if (!body.ok()) return error_response(body.status());
    if (Status s =
            reject_unknown_fields(*body, {"code", "name", "area_id", "capacity_per_day", "program_ids"});
        !s.ok())
        return error_response(s);
    model::ServicePoint sp;
    sp.id = new_uuid_v7();
    Result<std::string> code = string_field(*body, "code");
    Result<std::string> name = string_field(*body, "name");
    Result<int> capacity = int_field(*body, "capacity_per_day", 0);
    Result<std::optional<Uuid>> area = optional_uuid_field(*body, "area_id");
    Result<std::vector<Uuid>> programs = id_list(*body, "program_ids");
    for (const Status& s :
         {code.status(), name.status(), capacity.status(), area.status(), programs.status()})
        if (!s.ok()) return error_response(s);
    sp.code = *code, sp.name = *name, sp.capacity_per_day = *capacity, sp.area_id = *area,
    sp.program_ids = *programs;
    if (Status s = non_empty(sp.code, "code"); !s.ok()) return error_response(s);
    Status st = access.transaction([&](store::Store& s) -> Status {
        if (sp.area_id)
            SPMIS_RETURN_IF_ERROR(must_exist(s.registry().get_area(*sp.area_id), "area", *sp.area_id));
        for (const Uuid& p : sp.program_ids)
            SPMIS_RETURN_IF_ERROR(must_exist(s.programs().get_program(p), "program", p));
        SPMIS_RETURN_IF_ERROR(s.service_points().insert_service_point(sp));
        return audit_event(s, request, "service_point", sp.id, "create", "", service_point_json(sp).dump());
    });
    return st.ok() ? json_response(201, service_point_json(sp)) : error_response(st);
}

http::HttpResponse list_service_points(StoreAccess& access) {
    json out = {{"service_points", json::array()}};
    Status st = access.transaction([&](store::Store& s) -> Status {
        SPMIS_ASSIGN_OR_RETURN(auto rows, s.service_points().list_service_points());
        for (const model::ServicePoint& sp : rows) out["service_points"].push_back(service_point_json(sp));
        return {};
    });
    return st.ok() ? json_response(200, out) : error_response(st);
}

http::HttpResponse read_service_point(StoreAccess& access, const http::HttpRequest& request) {
    Result<Uuid> id = path_id(request, "id", "service point");
    if (!id.ok()) return error_response(id.status());
    json out;
    Status st = access.transaction([&](store::Store& s) -> Status {
        SPMIS_ASSIGN_OR_RETURN(model::ServicePoint sp, s.service_points().get_service_point(*id));
        out = service_point_json(sp);
        return {};
    });
    return st.ok() ? json_response(200, out) : error_response(st);
}

}  // namespace

void register_place_routes(http::Router& router, StoreAccess& store) {
    using R = const http::HttpRequest&;
    add_route(router,
              {"POST", "/api/v1/areas", Permission::kRegistryWrite, "Create an area",
               "{\"code\", \"name\", \"level\": int, \"parent_id\": id or null}",
               "201 the area; 409 when the code is taken"},
              [&store](R r) { return create_area(store, r); });
    add_route(router,
              {"GET", "/api/v1/areas", Permission::kRegistryRead, "List areas", "", "{\"areas\": [...]}"},
              [&store](R) { return list_areas(store); });
    add_route(router,
              {"GET", "/api/v1/areas/{id}", Permission::kRegistryRead, "Read an area", "", "the area"},
              [&store](R r) { return read_area(store, r); });
    add_route(router,
              {"POST", "/api/v1/service-points", Permission::kRegistryWrite, "Create a service point",
               "{\"code\", \"name\", \"area_id\", \"capacity_per_day\", \"program_ids\": [id]}",
               "201 the service point"},
              [&store](R r) { return create_service_point(store, r); });
    add_route(router,
              {"GET", "/api/v1/service-points", Permission::kRegistryRead, "List service points", "",
               "{\"service_points\": [...]}"},
              [&store](R) { return list_service_points(store); });
    add_route(router,
              {"GET", "/api/v1/service-points/{id}", Permission::kRegistryRead, "Read a service point", "",
               "the service point"},
              [&store](R r) { return read_service_point(store, r); });
}

}  // namespace spmis::api

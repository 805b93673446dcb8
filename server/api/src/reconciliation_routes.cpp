// The reconciliation queue for central staff: list cases with their links, resolve with a decision.

#include "spmis/api/api.hpp"
#include "spmis/api/json_io.hpp"
#include "spmis/api/sync_api.hpp"

namespace spmis::api {
namespace {

using auth::Permission;

nlohmann::json optional_id(const std::optional<Uuid>& id) {
    return id ? nlohmann::json(id->to_string()) : nlohmann::json(nullptr);
}

Result<std::optional<Uuid>> optional_query_id(const http::HttpRequest& request, const std::string& key) {
    auto it = request.query_params.find(key);
    if (it == request.query_params.end() || it->second.empty()) return std::optional<Uuid>{};
    Result<Uuid> id = Uuid::parse(it->second);
    if (!id.ok()) return make_error(ErrorCode::kInvalidArgument, key + " must be a UUID");
    return std::optional<Uuid>(*id);
}

Result<nlohmann::json> list_cases(SyncService& service, const http::HttpRequest& request) {
    store::CaseFilter filter;
    if (auto it = request.query_params.find("type"); it != request.query_params.end() && !it->second.empty())
        filter.type = it->second;
    if (auto it = request.query_params.find("status");
        it != request.query_params.end() && !it->second.empty())
        filter.status = it->second;
    SPMIS_ASSIGN_OR_RETURN(filter.program_id, optional_query_id(request, "program"));
    SPMIS_ASSIGN_OR_RETURN(filter.service_point_id, optional_query_id(request, "service_point"));
    const std::lock_guard lock(service.mutex);
    SPMIS_ASSIGN_OR_RETURN(auto cases, service.server->cases(filter));
    nlohmann::json out = nlohmann::json::array();
    for (const store::ReconciliationCase& c : cases) out.push_back(case_to_json(c));
    return nlohmann::json{{"cases", out}};
}

Result<nlohmann::json> resolve(SyncService& service, const http::HttpRequest& request) {
    SPMIS_ASSIGN_OR_RETURN(Uuid id, Uuid::parse(request.path_params.at("id")));
    SPMIS_ASSIGN_OR_RETURN(nlohmann::json body, parse_json_object(request.body));
    SPMIS_RETURN_IF_ERROR(reject_unknown_fields(body, {"decision", "reason"}));
    SPMIS_ASSIGN_OR_RETURN(std::string reason, string_field(body, "reason"));
    auto decision = body.find("decision");
    if (decision == body.end() || !decision->is_object() || !decision->contains("action"))
        return make_error(ErrorCode::kInvalidArgument, "decision must be an object with an action");
    const std::lock_guard lock(service.mutex);
    SPMIS_RETURN_IF_ERROR(service.server->resolve(id, *decision, request.user, reason));
    SPMIS_ASSIGN_OR_RETURN(auto resolved, service.store->sync().get_case(id));
    return case_to_json(resolved);
}

http::HttpResponse answer(const Result<nlohmann::json>& result) {
    return result.ok() ? json_response(200, *result) : error_response(result.status());
}

}  // namespace

nlohmann::json case_to_json(const store::ReconciliationCase& c) {
    nlohmann::json links = nlohmann::json::array();
    for (const store::CaseLink& link : c.links) {
        links.push_back({{"record_id", link.record_id.to_string()},
                         {"device_id", optional_id(link.device_id)},
                         {"device_seq", link.device_seq ? nlohmann::json(*link.device_seq) : nullptr}});
    }
    nlohmann::json decision = nullptr;
    if (!c.decision.empty()) decision = nlohmann::json::parse(c.decision, nullptr, false);
    return {{"id", c.id.to_string()},
            {"type", c.type},
            {"status", c.status},
            {"summary", c.summary},
            {"program_id", optional_id(c.program_id)},
            {"service_point_id", optional_id(c.service_point_id)},
            {"record_id", optional_id(c.record_id)},
            {"links", links},
            {"created_at", format_time(c.created_at)},
            {"updated_at", format_time(c.updated_at)},
            {"decision", decision},
            {"decided_by", c.decided_by},
            {"reason", c.reason},
            {"resolved_at", c.resolved_at ? nlohmann::json(format_time(*c.resolved_at)) : nullptr}};
}

void register_reconciliation_routes(http::Router& router, SyncService& service) {
    add_route(router,
              {"GET", "/api/v1/reconciliation", Permission::kProgramRead,
               "Reconciliation cases (query: type, status, program, service_point)", "",
               "{\"cases\": [{\"id\", \"type\", \"status\", \"summary\", \"links\", ...}]}"},
              [&service](const http::HttpRequest& r) { return answer(list_cases(service, r)); });
    add_route(router,
              {"POST", "/api/v1/reconciliation/{id}/resolve", Permission::kProgramManage,
               "Resolve a case with a decision (synced down as a server operation)",
               "{\"decision\": {\"action\", ...}, \"reason\"}", "the resolved case"},
              [&service](const http::HttpRequest& r) { return answer(resolve(service, r)); });
}

}  // namespace spmis::api

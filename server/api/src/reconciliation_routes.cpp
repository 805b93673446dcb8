// The reconciliation queue for central staff: list cases with their links, resolve with a decision.

#include "case_detail.hpp"
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

// The page size when ?limit is absent, and the most one page may hold.
constexpr std::size_t kDefaultCasePage = 50;
constexpr std::size_t kMaxCasePage = 500;

Result<std::size_t> page_limit(const http::HttpRequest& request) {
    auto it = request.query_params.find("limit");
    if (it == request.query_params.end() || it->second.empty()) return kDefaultCasePage;
    std::size_t limit = 0;
    for (const char c : it->second) {
        if (c < '0' || c > '9' || limit > kMaxCasePage)
            return make_error(ErrorCode::kInvalidArgument, "limit must be an integer from 1 to 500");
        limit = limit * 10 + static_cast<std::size_t>(c - '0');
    }
    if (limit == 0 || limit > kMaxCasePage)
        return make_error(ErrorCode::kInvalidArgument, "limit must be an integer from 1 to 500");
    return limit;
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
    SPMIS_ASSIGN_OR_RETURN(filter.before, optional_query_id(request, "cursor"));
    SPMIS_ASSIGN_OR_RETURN(const std::size_t limit, page_limit(request));
    filter.limit = limit + 1;  // one more than the page tells whether another page follows
    const std::lock_guard lock(service.mutex);
    SPMIS_ASSIGN_OR_RETURN(auto cases, service.server->cases(filter));
    SPMIS_ASSIGN_OR_RETURN(auto counts, service.store->cases().count_cases_by_type(filter));
    nlohmann::json next_cursor = nullptr;
    if (cases.size() > limit) {
        cases.resize(limit);
        next_cursor = cases.back().id.to_string();
    }
    nlohmann::json out = nlohmann::json::array();
    for (const store::ReconciliationCase& c : cases) out.push_back(case_to_json(c));
    return nlohmann::json{{"cases", out}, {"next_cursor", next_cursor}, {"counts", counts}};
}

http::HttpResponse read_case(SyncService& service, const http::HttpRequest& request) {
    Result<Uuid> id = Uuid::parse(request.path_params.at("id"));
    if (!id.ok()) return error_response(make_error(ErrorCode::kInvalidArgument, "case id must be a UUID"));
    const std::lock_guard lock(service.mutex);
    Result<store::ReconciliationCase> found = service.store->cases().get_case(*id);
    if (!found.ok()) return error_response(found.status());
    Result<nlohmann::json> detail = case_detail(*service.store, *found);
    if (!detail.ok()) return error_response(detail.status());
    http::HttpResponse response = json_response(200, *detail);
    response.headers["ETag"] = "\"" + case_version(*found) + "\"";
    return response;
}

// With If-Match, a decision taken on an older view of the case is refused with what changed.
Status check_if_match(SyncService& service, const http::HttpRequest& request, const Uuid& id) {
    const std::string seen = if_match_version(request.header("If-Match"));
    if (seen.empty()) return Status::ok_status();
    SPMIS_ASSIGN_OR_RETURN(store::ReconciliationCase now, service.store->cases().get_case(id));
    if (case_version(now) == seen) return Status::ok_status();
    return make_error(ErrorCode::kConflict, what_changed(seen, now));
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
    SPMIS_RETURN_IF_ERROR(check_if_match(service, request, id));
    SPMIS_RETURN_IF_ERROR(service.server->resolve(id, *decision, request.user, reason));
    SPMIS_ASSIGN_OR_RETURN(auto resolved, service.store->cases().get_case(id));
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
    add_route(
        router,
        {"GET", "/api/v1/reconciliation", Permission::kProgramRead,
         "Reconciliation cases, newest first (query: type, status, program, service_point, cursor, "
         "limit 1-500, default 50)",
         "",
         "{\"cases\": [{\"id\", \"type\", \"status\", \"summary\", \"links\", ...}], \"next_cursor\": id "
         "or null, \"counts\": {type: cases of that type matching status, program and service_point}}"},
        [&service](const http::HttpRequest& r) { return answer(list_cases(service, r)); });
    add_route(
        router,
        {"GET", "/api/v1/reconciliation/{id}", Permission::kProgramRead,
         "A case with every device operation it links and the current server record", "",
         "{\"case\", \"version\", \"operations\": [{\"device_id\", \"device_name\", \"device_seq\", "
         "\"officer\", \"kind\", \"device_time\", \"received_at\", \"disposition\", \"payload\", "
         "\"believed\"}], \"record\": {\"kind\": \"entitlement\", \"entitlement\", \"granted_milli\", "
         "\"redeemed_milli\", \"remaining_milli\", \"membership\", \"registrant\"} or null}; header ETag: "
         "the version a resolve's If-Match names"},
        [&service](const http::HttpRequest& r) { return read_case(service, r); });
    add_route(router,
              {"POST", "/api/v1/reconciliation/{id}/resolve", Permission::kProgramManage,
               "Resolve a case with a decision (synced down as a server operation); with If-Match: the "
               "version read, refused when the case changed since",
               "{\"decision\": {\"action\", ...}, \"reason\"}",
               "the resolved case; 409 naming what changed when If-Match is stale or the case is resolved"},
              [&service](const http::HttpRequest& r) { return answer(resolve(service, r)); });
}

}  // namespace spmis::api

// GET /api/v1/audit: auditors read the audit log, filtered by record, user and time.

#include "spmis/api/api.hpp"
#include "spmis/api/json_io.hpp"
#include "spmis/api/registry_api.hpp"
#include "store_routes_util.hpp"

namespace spmis::api {
namespace {

using nlohmann::json;

constexpr std::size_t kDefaultPage = 100;
constexpr std::size_t kMaxPage = 1000;

// Snapshots are JSON texts; they are returned as JSON when they parse, as text otherwise.
json snapshot(const std::string& text) {
    if (text.empty()) return nullptr;
    json parsed = json::parse(text, nullptr, false);
    return parsed.is_discarded() ? json(text) : parsed;
}

Result<std::optional<UtcTime>> time_param(const http::HttpRequest& request, const char* name) {
    const std::string text = query_param(request, name);
    if (text.empty()) return std::optional<UtcTime>();
    Result<UtcTime> t = parse_time(text);
    if (!t.ok())
        return make_error(ErrorCode::kInvalidArgument, std::string(name) + " must be an RFC 3339 UTC time");
    return std::optional<UtcTime>(*t);
}

http::HttpResponse search(StoreAccess& access, const http::HttpRequest& request) {
    store::AuditQuery q;
    if (const std::string record = query_param(request, "record"); !record.empty()) {
        Result<Uuid> id = Uuid::parse(record);
        if (!id.ok()) return error_response(400, ErrorCode::kInvalidArgument, "record must be an id");
        q.record_id = *id;
    }
    q.actor = query_param(request, "user");
    Result<std::optional<UtcTime>> since = time_param(request, "since");
    Result<std::optional<UtcTime>> until = time_param(request, "until");
    Result<std::size_t> limit = page_limit(request, kDefaultPage, kMaxPage);
    Result<std::optional<Uuid>> cursor = page_cursor(request);
    for (const Status& s : {since.status(), until.status(), limit.status(), cursor.status()})
        if (!s.ok()) return error_response(s);
    q.since = *since, q.until = *until, q.limit = *limit, q.after_id = *cursor;
    json out = {{"events", json::array()}, {"next_cursor", nullptr}};
    Status st = access.transaction([&](store::Store& s) -> Status {
        SPMIS_ASSIGN_OR_RETURN(auto events, s.audit().search(q));
        for (const model::AuditEvent& e : events) {
            out["events"].push_back({{"id", e.id.to_string()},
                                     {"user", e.actor},
                                     {"record_kind", e.record_kind},
                                     {"record_id", e.record_id.to_string()},
                                     {"action", e.action},
                                     {"before", snapshot(e.before)},
                                     {"after", snapshot(e.after)},
                                     {"reason", e.reason},
                                     {"at", format_time(e.at)}});
        }
        if (events.size() == q.limit) out["next_cursor"] = events.back().id.to_string();
        return {};
    });
    return st.ok() ? json_response(200, out) : error_response(st);
}

}  // namespace

void register_audit_routes(http::Router& router, StoreAccess& store) {
    add_route(router,
              {"GET", "/api/v1/audit", auth::Permission::kAuditRead,
               "Audit events (?record=id&user=&since=&until=&cursor=&limit=), oldest first", "",
               "{\"events\": [{id, user, record_kind, record_id, action, before, after, reason, at}], "
               "\"next_cursor\"}"},
              [&store](const http::HttpRequest& r) { return search(store, r); });
}

}  // namespace spmis::api

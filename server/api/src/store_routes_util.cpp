#include "store_routes_util.hpp"

#include <charconv>

#include "spmis/base/clock.hpp"

namespace spmis::api {

Result<Uuid> path_id(const http::HttpRequest& request, const char* name, const char* what) {
    const auto it = request.path_params.find(name);
    const std::string text = it == request.path_params.end() ? std::string() : it->second;
    Result<Uuid> id = Uuid::parse(text);
    if (!id.ok()) return make_error(ErrorCode::kNotFound, std::string(what) + " '" + text + "' not found");
    return id;
}

std::string query_param(const http::HttpRequest& request, const char* name) {
    const auto it = request.query_params.find(name);
    return it == request.query_params.end() ? std::string() : it->second;
}

Result<std::size_t> page_limit(const http::HttpRequest& request, std::size_t fallback, std::size_t max) {
    const std::string text = query_param(request, "limit");
    if (text.empty()) return fallback;
    std::size_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value == 0) {
        return make_error(ErrorCode::kInvalidArgument, "limit must be a positive integer");
    }
    return value < max ? value : max;
}

Result<std::optional<Uuid>> page_cursor(const http::HttpRequest& request) {
    const std::string text = query_param(request, "cursor");
    if (text.empty()) return std::optional<Uuid>();
    Result<Uuid> id = Uuid::parse(text);
    if (!id.ok()) return make_error(ErrorCode::kInvalidArgument, "cursor is not valid");
    return std::optional<Uuid>(*id);
}

Status audit_event(store::Store& store, const http::HttpRequest& request, const char* record_kind,
                   const Uuid& record_id, const char* action, std::string before, std::string after) {
    model::AuditEvent event{new_uuid_v7(),     request.user,     record_kind, record_id,          action,
                            std::move(before), std::move(after), "api",       store.clock().now()};
    return store.audit().append(event);
}

}  // namespace spmis::api

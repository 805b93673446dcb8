#include <chrono>
#include <string>

#include "access_log.hpp"
#include "spmis/api/api.hpp"
#include "spmis/api/json_io.hpp"
#include "spmis/logging/logger.hpp"

namespace spmis::api {

void add_route(http::Router& router, const RouteSpec& spec, http::Handler handler) {
    router.add(http::RouteInfo{spec.method, spec.pattern, spec.summary,
                               std::string(auth::permission_name(spec.permission)), spec.request_doc,
                               spec.response_doc},
               std::move(handler));
}

http::ErrorRenderer api_error_renderer() {
    return [](int http_status, ErrorCode code, std::string_view message) {
        return error_response(http_status, code, message);
    };
}

http::Guard make_guard(auth::AuthService& auth) {
    return [&auth](const http::RouteInfo& info,
                   http::HttpRequest& request) -> std::optional<http::HttpResponse> {
        const std::optional<auth::Permission> permission = auth::parse_permission(info.permission);
        if (!permission) {
            return error_response(500, ErrorCode::kInternal, "route declares an unknown permission");
        }
        if (*permission == auth::Permission::kPublic) return std::nullopt;
        Result<auth::Session> session = auth.authenticate(bearer_token(request));
        if (!session.ok()) {
            http::HttpResponse refused = error_response(session.status());
            if (session.status().code() == ErrorCode::kUnauthenticated) {
                refused.headers["WWW-Authenticate"] = "Bearer";
            }
            return refused;
        }
        const std::string role(auth::role_name(session->role));
        if (!auth::role_allows(session->role, *permission)) {
            return error_response(403, ErrorCode::kPermissionDenied,
                                  "role " + role + " lacks permission " + info.permission);
        }
        request.user = session->username;
        request.role = role;
        return std::nullopt;
    };
}

http::RequestHandler make_api_handler(const http::Router& router, Metrics& metrics) {
    return [&router, &metrics](http::HttpRequest& request) {
        const auto start = std::chrono::steady_clock::now();
        const logging::RequestScope log_scope(
            request.request_id, logging::SecretSource([&request] { return request_secrets(request); }));
        http::HttpResponse response = router.dispatch(request);
        const std::string route = request.route_pattern.empty() ? "unmatched" : request.route_pattern;
        const auto elapsed = std::chrono::steady_clock::now() - start;
        metrics.observe(request.method, route, response.status, elapsed);
        log_request(request, response.status, elapsed);
        return response;
    };
}

void register_all_routes(http::Router& router, ApiContext& context) {
    router.set_guard(make_guard(context.auth));
    register_system_routes(router, context);
    register_auth_routes(router, context);
    register_user_routes(router, context);
}

}  // namespace spmis::api

#pragma once
// The API's wiring: route declaration with permissions, the guard that checks tokens and roles
// in one place, the request handler with metrics, and the route groups.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "spmis/api/metrics.hpp"
#include "spmis/auth/auth_service.hpp"
#include "spmis/auth/role.hpp"
#include "spmis/http/http_server.hpp"
#include "spmis/http/router.hpp"

namespace spmis::api {

// What every route group may use. Members outlive the server.
struct ApiContext {
    auth::AuthService& auth;
    Metrics& metrics;
    std::string database_file;
    Clock& clock;  // the server's one clock  // DIR/spmis.db, reported by /metrics
    // Whether the database answers (a new connection and a read); set once the store is open. Null:
    // /healthz reports liveness only.
    std::function<Status()> database_reachable = nullptr;
};

// A route declaration: the permission and the docs travel with the route into OpenAPI.
struct RouteSpec {
    const char* method;
    const char* pattern;
    auth::Permission permission;
    const char* summary;
    const char* request_doc;   // "" when the route takes no body
    const char* response_doc;  // may start with the success status: "201 the created user"
};

// Declares a route on the router.
void add_route(http::Router& router, const RouteSpec& spec, http::Handler handler);

// The ErrorRenderer of the API (our JSON error shape), for the router and the HTTP adapter.
http::ErrorRenderer api_error_renderer();

// The guard: public routes pass; others need a live bearer token whose role has the route's
// permission (401 with WWW-Authenticate otherwise, 403 for a role without it).
http::Guard make_guard(auth::AuthService& auth);

// Dispatches on router and records metrics for every request.
http::RequestHandler make_api_handler(const http::Router& router, Metrics& metrics);

// The OpenAPI 3 document of the routes.
nlohmann::json build_openapi(const std::vector<http::RouteInfo>& routes);

// GET /healthz, GET /metrics, GET /api/v1/openapi.json (documents whatever router holds when asked).
void register_system_routes(http::Router& router, ApiContext& context);
// POST /api/v1/auth/login, POST /api/v1/auth/logout, GET /api/v1/auth/me.
void register_auth_routes(http::Router& router, ApiContext& context);
// GET and POST /api/v1/users.
void register_user_routes(http::Router& router, ApiContext& context);

// A router with the guard and every route group of this version of the API.
void register_all_routes(http::Router& router, ApiContext& context);

}  // namespace spmis::api

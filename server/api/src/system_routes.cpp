// Health, metrics and the API's own description: open to everyone (put /metrics behind the
// reverse proxy's allow-list in production, see deploy/nginx-spmis.conf).

#include "spmis/api/api.hpp"
#include "spmis/api/json_io.hpp"

namespace spmis::api {

using auth::Permission;

void register_system_routes(http::Router& router, ApiContext& context) {
    add_route(
        router,
        {"GET", "/healthz", Permission::kPublic,
         "Health: answers while the server serves, 503 when its database does not answer", "",
         "{\"status\":\"ok\",\"database\":\"ok\"} or 503 {\"status\":\"unavailable\",\"database\":reason}"},
        [&context](const http::HttpRequest&) {
            if (!context.database_reachable) return json_response(200, {{"status", "ok"}});
            const Status reachable = context.database_reachable();
            if (!reachable.ok())
                return json_response(503, {{"status", "unavailable"}, {"database", reachable.message()}});
            return json_response(200, {{"status", "ok"}, {"database", "ok"}});
        });

    add_route(router,
              {"GET", "/metrics", Permission::kPublic, "Prometheus metrics", "",
               "text/plain exposition format: requests, latency histogram, jobs, database size"},
              [&context](const http::HttpRequest&) {
                  http::HttpResponse response;
                  response.headers["Content-Type"] = "text/plain; version=0.0.4";
                  response.body = context.metrics.render(context.database_file);
                  return response;
              });

    const http::Router* routes = &router;
    add_route(
        router,
        {"GET", "/api/v1/openapi.json", Permission::kPublic, "This API as an OpenAPI 3 document", "",
         "the OpenAPI document of every route"},
        [routes](const http::HttpRequest&) { return json_response(200, build_openapi(routes->routes())); });
}

}  // namespace spmis::api

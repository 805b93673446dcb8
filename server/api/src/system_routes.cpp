// Health, metrics and the API's own description: open to everyone (put /metrics behind the
// reverse proxy's allow-list in production, see deploy/nginx-spmis.conf).

#include "spmis/api/api.hpp"
#include "spmis/api/json_io.hpp"

namespace spmis::api {

using auth::Permission;

void register_system_routes(http::Router& router, ApiContext& context) {
    add_route(router,
              {"GET", "/healthz", Permission::kPublic, "Liveness: answers while the server serves", "",
               "{\"status\":\"ok\"}"},
              [](const http::HttpRequest&) {
                  return json_response(200, {{"status", "ok"}});
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

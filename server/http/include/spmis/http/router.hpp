#pragma once
// Method + path pattern -> handler, with a guard run before every handler (authentication and
// roles are checked there, in one place) and route metadata from which OpenAPI is generated.

#include <optional>
#include <string>
#include <vector>

#include "spmis/http/http_message.hpp"

namespace spmis::http {

// What a route declares about itself: matching, documentation and the permission it needs.
struct RouteInfo {
    std::string method;        // "GET"
    std::string pattern;       // "/api/v1/users/{id}": literal segments and "{name}" captures
    std::string summary;       // one line for the OpenAPI document
    std::string permission;    // opaque to the router; interpreted by the guard ("public", ...)
    std::string request_doc;   // request body description ("" when none)
    std::string response_doc;  // success response description
};

// Runs before the handler: returns a response to stop there (401, 403) or nullopt to go on. May
// fill request.user and request.role.
using Guard = std::function<std::optional<HttpResponse>(const RouteInfo&, HttpRequest&)>;

// Routing table. Build it completely before serving; dispatch() is then thread-safe (read-only).
class Router {
public:
    explicit Router(ErrorRenderer render_error);

    // Adds a route; a pattern must start with '/'. Later routes never shadow earlier exact ones.
    void add(RouteInfo info, Handler handler);
    // Sets the guard applied to every route (none: every route is open).
    void set_guard(Guard guard);
    // Routes in registration order (for OpenAPI).
    std::vector<RouteInfo> routes() const;

    // Finds the route, runs guard and handler. 404 (unknown path) and 405 (known path, other
    // method, with Allow) as JSON errors. Fills request.path_params and request.route_pattern.
    HttpResponse dispatch(HttpRequest& request) const;

private:
    struct Route {
        RouteInfo info;
        std::vector<std::string> segments;
        Handler handler;
    };
    static bool match(const Route& route, const std::vector<std::string>& segments,
                      std::map<std::string, std::string>* params);

    ErrorRenderer render_error_;
    Guard guard_;
    std::vector<Route> routes_;
};

// "/a/b/" -> {"a", "b"}; empty segments are dropped.
std::vector<std::string> split_path(std::string_view path);

}  // namespace spmis::http

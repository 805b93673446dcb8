#pragma once
// Our own request and response types: handlers see these, never the HTTP library underneath.

#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "spmis/base/error_code.hpp"

namespace spmis::http {

// One HTTP request as handlers see it. Header names are stored lower-case.
struct HttpRequest {
    std::string method;  // "GET", "POST", ...
    std::string path;    // decoded path without the query, e.g. "/api/v1/users/42"
    std::map<std::string, std::string> path_params;   // from "{name}" segments of the route
    std::map<std::string, std::string> query_params;  // decoded
    std::map<std::string, std::string> headers;       // lower-case names
    std::string body;
    std::string remote_address;
    std::string request_id;     // X-Request-Id of the client, or generated
    std::string route_pattern;  // the matched route ("/api/v1/users/{id}"), set by the Router
    std::string user;           // the authenticated user, set by the Router's guard
    std::string role;           // that user's role name, set by the Router's guard

    // The header's value, or "" when absent. name is matched case-insensitively.
    std::string header(std::string_view name) const;
};

// One HTTP response; a Content-Type header defaults to application/json when absent.
struct HttpResponse {
    int status = 200;
    std::map<std::string, std::string> headers;
    std::string body;
};

// Handles one request. Runs on a server worker thread; may block (SQLite, hashing).
using Handler = std::function<HttpResponse(const HttpRequest&)>;

// Renders an error the way the API answers errors (JSON body with code and message).
using ErrorRenderer = std::function<HttpResponse(int http_status, ErrorCode code, std::string_view message)>;

// ASCII lower-case copy of a header name.
std::string lower_ascii(std::string_view text);

}  // namespace spmis::http

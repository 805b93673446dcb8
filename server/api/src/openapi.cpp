#include <cctype>
#include <string>

#include "spmis/api/api.hpp"
#include "spmis/base/version.hpp"

namespace spmis::api {
namespace {

// "201 the created user" -> {"201", "the created user"}; no leading status -> "200".
std::pair<std::string, std::string> split_status(const std::string& doc) {
    if (doc.size() > 4 && std::isdigit(static_cast<unsigned char>(doc[0])) && doc[3] == ' ') {
        return {doc.substr(0, 3), doc.substr(4)};
    }
    return {"200", doc};
}

nlohmann::json error_ref(const std::string& description) {
    return {{"description", description},
            {"content", {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}};
}

nlohmann::json operation(const http::RouteInfo& route) {
    nlohmann::json op = {{"summary", route.summary}, {"x-spmis-permission", route.permission}};
    const auto [status, description] = split_status(route.response_doc);
    op["responses"][status] = {{"description", description}};
    op["responses"]["400"] = error_ref("invalid_argument: malformed JSON, wrong types, bad values");
    if (route.permission != "public") {
        op["security"] = nlohmann::json::array({{{"bearerAuth", nlohmann::json::array()}}});
        op["responses"]["401"] = error_ref("unauthenticated: missing, expired or revoked token");
        op["responses"]["403"] = error_ref("permission_denied: the role lacks " + route.permission);
    }
    if (!route.request_doc.empty()) {
        op["requestBody"] = {{"description", route.request_doc},
                             {"required", true},
                             {"content", {{"application/json", {{"schema", {{"type", "object"}}}}}}}};
        op["responses"]["413"] = error_ref("resource_exhausted: body larger than the configured limit");
    }
    for (const std::string& segment : http::split_path(route.pattern)) {
        if (segment.size() > 2 && segment.front() == '{') {
            op["parameters"].push_back({{"name", segment.substr(1, segment.size() - 2)},
                                        {"in", "path"},
                                        {"required", true},
                                        {"schema", {{"type", "string"}}}});
        }
    }
    return op;
}

}  // namespace

nlohmann::json build_openapi(const std::vector<http::RouteInfo>& routes) {
    nlohmann::json doc = {
        {"openapi", "3.0.3"},
        {"info", {{"title", "spmis central server API"}, {"version", kVersion}}},
        {"paths", nlohmann::json::object()},
        {"components",
         {{"securitySchemes", {{"bearerAuth", {{"type", "http"}, {"scheme", "bearer"}}}}},
          {"schemas",
           {{"Error",
             {{"type", "object"},
              {"properties",
               {{"error",
                 {{"type", "object"},
                  {"properties",
                   {{"code", {{"type", "string"}}}, {"message", {{"type", "string"}}}}}}}}}}}}}}},
    };
    for (const http::RouteInfo& route : routes) {
        // The console's files and the redirect to them are pages, not API.
        if (route.pattern == "/" || route.pattern.starts_with("/console")) continue;
        std::string method = route.method;
        for (char& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        doc["paths"][route.pattern][method] = operation(route);
    }
    return doc;
}

}  // namespace spmis::api

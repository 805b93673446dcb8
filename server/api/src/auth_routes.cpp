// Login, logout and "who am I".

#include "spmis/api/api.hpp"
#include "spmis/api/json_io.hpp"
#include "spmis/base/time.hpp"

namespace spmis::api {
namespace {

using auth::Permission;

http::HttpResponse login(ApiContext& context, const http::HttpRequest& request) {
    Result<nlohmann::json> body = parse_json_object(request.body);
    if (!body.ok()) return error_response(body.status());
    if (Status s = reject_unknown_fields(*body, {"username", "password"}); !s.ok()) return error_response(s);
    Result<std::string> username = string_field(*body, "username");
    if (!username.ok()) return error_response(username.status());
    Result<std::string> password = string_field(*body, "password");
    if (!password.ok()) return error_response(password.status());

    std::chrono::seconds retry_after{0};
    Result<auth::LoginResult> result =
        context.auth.login(*username, *password, request.remote_address, &retry_after);
    if (!result.ok()) {
        if (result.status().code() == ErrorCode::kResourceExhausted) {
            http::HttpResponse refused =
                error_response(429, ErrorCode::kResourceExhausted, result.status().message());
            refused.headers["Retry-After"] = std::to_string(retry_after.count());
            return refused;
        }
        http::HttpResponse refused = error_response(result.status());
        if (result.status().code() == ErrorCode::kUnauthenticated)
            refused.headers["WWW-Authenticate"] = "Bearer";
        return refused;
    }
    return json_response(200, {{"token", result->token},
                               {"expires_at", format_time(result->expires_at)},
                               {"role", auth::role_name(result->role)},
                               {"username", *username}});
}

// The permissions the table grants a role (the screens show what these allow; the guard still decides).
nlohmann::json permissions_of(const std::string& role_name) {
    nlohmann::json out = nlohmann::json::array();
    const std::optional<auth::Role> role = auth::parse_role(role_name);
    if (!role) return out;
    for (const Permission permission : auth::all_permissions()) {
        if (permission == Permission::kPublic || permission == Permission::kAuthenticated) continue;
        if (auth::role_allows(*role, permission)) out.push_back(auth::permission_name(permission));
    }
    return out;
}

}  // namespace

void register_auth_routes(http::Router& router, ApiContext& context) {
    add_route(
        router,
        {"POST", "/api/v1/auth/login", Permission::kPublic, "Log in and receive a bearer token",
         "{\"username\": string, \"password\": string}",
         "{\"token\", \"expires_at\", \"role\", \"username\"}; 401 wrong credentials; 429 with Retry-After "
         "while locked out after repeated failures"},
        [&context](const http::HttpRequest& request) { return login(context, request); });

    add_route(router,
              {"POST", "/api/v1/auth/logout", Permission::kAuthenticated,
               "Revoke the bearer token of this request", "", "{\"revoked\": true}"},
              [&context](const http::HttpRequest& request) {
                  if (Status s = context.auth.logout(bearer_token(request)); !s.ok())
                      return error_response(s);
                  return json_response(200, {{"revoked", true}});
              });

    add_route(router,
              {"GET", "/api/v1/auth/me", Permission::kAuthenticated,
               "The user and role of the bearer token, and what that role may do", "",
               "{\"username\", \"role\", \"permissions\": [\"registry_read\", ...]}"},
              [](const http::HttpRequest& request) {
                  return json_response(200, {{"username", request.user},
                                             {"role", request.role},
                                             {"permissions", permissions_of(request.role)}});
              });
}

}  // namespace spmis::api

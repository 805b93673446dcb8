// Staff accounts: administrators list and create them.

#include "spmis/api/api.hpp"
#include "spmis/api/json_io.hpp"
#include "spmis/auth/secrets.hpp"
#include "spmis/auth/tuning.hpp"
#include "spmis/base/clock.hpp"
#include "spmis/base/text.hpp"
#include "spmis/base/time.hpp"

namespace spmis::api {
namespace {

using auth::Permission;

// Usernames are stored verbatim once they pass check_identifier: no control, direction, space or
// invisible characters, so no two accounts can look alike on a screen or in the audit trail.
constexpr std::size_t kMaxUsernameBytes = 128;

Status check_username(const std::string& username) {
    if (username.empty() || username.size() > kMaxUsernameBytes) {
        return make_error(ErrorCode::kInvalidArgument, "username must have 1 to 128 bytes");
    }
    return check_identifier(username, "username");
}

http::HttpResponse create_user(ApiContext& context, const http::HttpRequest& request) {
    Result<nlohmann::json> body = parse_json_object(request.body);
    if (!body.ok()) return error_response(body.status());
    if (Status s = reject_unknown_fields(*body, {"username", "password", "role"}); !s.ok())
        return error_response(s);
    Result<std::string> username = string_field(*body, "username");
    if (!username.ok()) return error_response(username.status());
    Result<std::string> password = string_field(*body, "password");
    if (!password.ok()) return error_response(password.status());
    Result<std::string> role_text = string_field(*body, "role");
    if (!role_text.ok()) return error_response(role_text.status());

    if (Status s = check_username(*username); !s.ok()) return error_response(s);
    const std::optional<auth::Role> role = auth::parse_role(*role_text);
    if (!role) return error_response(400, ErrorCode::kInvalidArgument, "unknown role '" + *role_text + "'");
    if (password->size() < tuning::kMinPasswordLength) {
        return error_response(400, ErrorCode::kInvalidArgument, "password must have at least 8 characters");
    }
    // Checked before hashing so a taken name costs no argon2 work; add() still enforces it.
    Result<std::optional<auth::Account>> existing = context.auth.accounts().find(*username);
    if (!existing.ok()) return error_response(existing.status());
    if (*existing) return error_response(409, ErrorCode::kAlreadyExists, "username already exists");
    Result<std::string> hash = auth::hash_password(*password);
    if (!hash.ok()) return error_response(hash.status());
    auth::Account account{*username, *hash, *role, true, context.clock.now()};
    if (Status s = context.auth.accounts().add(account); !s.ok()) return error_response(s);
    return json_response(201, {{"username", account.username}, {"role", auth::role_name(account.role)}});
}

http::HttpResponse list_users(ApiContext& context) {
    Result<std::vector<auth::Account>> accounts = context.auth.accounts().list();
    if (!accounts.ok()) return error_response(accounts.status());
    nlohmann::json users = nlohmann::json::array();
    for (const auth::Account& a : *accounts) {
        users.push_back({{"username", a.username},
                         {"role", auth::role_name(a.role)},
                         {"active", a.active},
                         {"created_at", format_time(a.created_at)}});
    }
    return json_response(200, {{"users", users}});
}

}  // namespace

void register_user_routes(http::Router& router, ApiContext& context) {
    add_route(router,
              {"GET", "/api/v1/users", Permission::kUsersManage, "List staff accounts", "",
               "{\"users\": [{\"username\", \"role\", \"active\", \"created_at\"}]}"},
              [&context](const http::HttpRequest&) { return list_users(context); });
    add_route(router,
              {"POST", "/api/v1/users", Permission::kUsersManage, "Create a staff account",
               "{\"username\": string, \"password\": string (8+ chars), \"role\": role name}",
               "201 {\"username\", \"role\"}; 409 when the username is taken"},
              [&context](const http::HttpRequest& request) { return create_user(context, request); });
}

}  // namespace spmis::api

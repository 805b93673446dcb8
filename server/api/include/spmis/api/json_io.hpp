#pragma once
// JSON in and out of the API: the one error shape {"error":{"code","message"}}, body parsing that
// turns malformed JSON and wrong types into 400 invalid_argument, and typed field access.

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "spmis/base/status.hpp"
#include "spmis/http/http_message.hpp"

namespace spmis::api {

// A JSON response; invalid UTF-8 in strings is replaced, never thrown.
http::HttpResponse json_response(int http_status, const nlohmann::json& body);

// {"error":{"code":"<error_code_name>","message":"..."}} with an explicit HTTP status.
http::HttpResponse error_response(int http_status, ErrorCode code, std::string_view message);

// The same for a Status, with http_status_for(code).
http::HttpResponse error_response(const Status& status);

// The body as a JSON object, read by the bounded reader (depth, values, string sizes and clean text
// checked before a tree is built); kInvalidArgument (with the reason) otherwise.
Result<nlohmann::json> parse_json_object(const std::string& body);

// kInvalidArgument naming the first field of obj that is not in allowed.
Status reject_unknown_fields(const nlohmann::json& obj, std::initializer_list<std::string_view> allowed);

// obj[key] as a string; kInvalidArgument when missing or of another type.
Result<std::string> string_field(const nlohmann::json& obj, std::string_view key);

// The token of an "Authorization: Bearer <token>" header, or "".
std::string bearer_token(const http::HttpRequest& request);

}  // namespace spmis::api

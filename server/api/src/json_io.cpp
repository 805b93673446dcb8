#include "spmis/api/json_io.hpp"

#include <string>

#include "spmis/json/bounded_reader.hpp"

namespace spmis::api {

http::HttpResponse json_response(int http_status, const nlohmann::json& body) {
    http::HttpResponse response;
    response.status = http_status;
    response.headers["Content-Type"] = "application/json";
    response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return response;
}

http::HttpResponse error_response(int http_status, ErrorCode code, std::string_view message) {
    nlohmann::json body = {{"error", {{"code", std::string(error_code_name(code))}, {"message", message}}}};
    return json_response(http_status, body);
}

http::HttpResponse error_response(const Status& status) {
    return error_response(http_status_for(status.code()), status.code(), status.message());
}

Result<nlohmann::json> parse_json_object(const std::string& body) {
    SPMIS_ASSIGN_OR_RETURN(nlohmann::json parsed, spmis::json::read_bounded_json(body));
    if (!parsed.is_object())
        return make_error(ErrorCode::kInvalidArgument, "request body must be a JSON object");
    return parsed;
}

Status reject_unknown_fields(const nlohmann::json& obj, std::initializer_list<std::string_view> allowed) {
    for (const auto& item : obj.items()) {
        bool known = false;
        for (std::string_view name : allowed) known = known || item.key() == name;
        if (!known) return make_error(ErrorCode::kInvalidArgument, "unknown field '" + item.key() + "'");
    }
    return {};
}

Result<std::string> string_field(const nlohmann::json& obj, std::string_view key) {
    auto it = obj.find(key);
    if (it == obj.end()) {
        return make_error(ErrorCode::kInvalidArgument, "field '" + std::string(key) + "' is required");
    }
    if (!it->is_string()) {
        return make_error(ErrorCode::kInvalidArgument, "field '" + std::string(key) + "' must be a string");
    }
    return it->get<std::string>();
}

std::string bearer_token(const http::HttpRequest& request) {
    const std::string value = request.header("authorization");
    constexpr std::string_view kScheme = "bearer ";
    if (value.size() <= kScheme.size() || http::lower_ascii(value.substr(0, kScheme.size())) != kScheme)
        return {};
    return value.substr(kScheme.size());
}

}  // namespace spmis::api

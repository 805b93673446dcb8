#include "access_log.hpp"

#include <nlohmann/json.hpp>

#include "spmis/logging/logger.hpp"

namespace spmis::api {
namespace {

nlohmann::json body_json(const http::HttpRequest& request) {
    if (request.body.empty() || request.body.front() != '{') return nullptr;
    return nlohmann::json::parse(request.body, nullptr, false);
}

}  // namespace

std::vector<std::string> request_secrets(const http::HttpRequest& request) {
    std::vector<std::string> secrets;
    const std::string authorization = request.header("authorization");
    if (!authorization.empty()) {
        secrets.push_back(authorization);
        const auto space = authorization.find(' ');
        if (space != std::string::npos) secrets.push_back(authorization.substr(space + 1));
    }
    for (const auto& [key, value] : request.query_params) {
        if (logging::is_sensitive_key(key)) secrets.push_back(value);
    }
    const nlohmann::json body = body_json(request);
    if (!body.is_discarded()) {
        for (std::string& value : logging::sensitive_values(body)) secrets.push_back(std::move(value));
    }
    return secrets;
}

void log_request(const http::HttpRequest& request, int status, std::chrono::steady_clock::duration elapsed) {
    const logging::Level level = status >= 500 ? logging::Level::kError : logging::Level::kInfo;
    if (!logging::global().enabled(level)) return;
    const double ms = std::chrono::duration<double, std::milli>(elapsed).count();
    nlohmann::json fields = {{"request_id", request.request_id},
                             {"method", request.method},
                             {"route", request.route_pattern.empty() ? "unmatched" : request.route_pattern},
                             {"status", status},
                             {"duration_ms", static_cast<double>(static_cast<long long>(ms * 1000)) / 1000}};
    if (!request.user.empty()) {
        fields["user"] = request.user;
    } else if (request.route_pattern.rfind("/api/v1/sync/", 0) == 0) {
        const nlohmann::json body = body_json(request);
        if (body.is_object() && body.contains("device_id") && body["device_id"].is_string())
            fields["device"] = body["device_id"];
    }
    logging::log(level, "request", fields);
}

}  // namespace spmis::api

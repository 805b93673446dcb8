#include "access_log.hpp"

#include <nlohmann/json.hpp>
#include <optional>

#include "spmis/logging/logger.hpp"

namespace spmis::api {
namespace {

bool json_object_body(const http::HttpRequest& request) {
    return !request.body.empty() && request.body.front() == '{';
}

// SAX events to the top-level "device_id" string; stops reading as soon as it is found, so a
// large sync push is not read past its header.
class DeviceIdScan final : public nlohmann::json_sax<nlohmann::json> {
public:
    std::optional<std::string> device_id;

    bool null() override { return scalar(); }
    bool boolean(bool /*value*/) override { return scalar(); }
    bool number_integer(number_integer_t /*value*/) override { return scalar(); }
    bool number_unsigned(number_unsigned_t /*value*/) override { return scalar(); }
    bool number_float(number_float_t /*value*/, const string_t& /*text*/) override { return scalar(); }
    bool string(string_t& value) override {
        if (depth_ == 1 && wanted_) {
            device_id = std::move(value);
            return false;
        }
        return scalar();
    }
    bool binary(binary_t& /*value*/) override { return scalar(); }
    bool start_object(std::size_t /*elements*/) override { return open(); }
    bool key(string_t& key) override {
        wanted_ = depth_ == 1 && key == "device_id";
        return true;
    }
    bool end_object() override { return close(); }
    bool start_array(std::size_t /*elements*/) override { return open(); }
    bool end_array() override { return close(); }
    bool parse_error(std::size_t /*position*/, const std::string& /*token*/,
                     const nlohmann::detail::exception& /*error*/) override {
        return false;
    }

private:
    bool scalar() {
        wanted_ = false;
        return true;
    }
    bool open() {
        wanted_ = false;
        ++depth_;
        return true;
    }
    bool close() {
        --depth_;
        return true;
    }

    int depth_ = 0;
    bool wanted_ = false;
};

std::optional<std::string> body_device_id(const http::HttpRequest& request) {
    if (!json_object_body(request)) return std::nullopt;
    DeviceIdScan scan;
    nlohmann::json::sax_parse(request.body, &scan, nlohmann::json::input_format_t::json, false);
    return scan.device_id;
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
    if (json_object_body(request)) {
        for (std::string& value : logging::sensitive_values(std::string_view(request.body)))
            secrets.push_back(std::move(value));
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
        if (std::optional<std::string> device = body_device_id(request)) fields["device"] = *device;
    }
    logging::log(level, "request", fields);
}

}  // namespace spmis::api

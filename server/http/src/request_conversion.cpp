#include "request_conversion.hpp"

#include <cctype>

#include "spmis/base/uuid.hpp"
#include "spmis/http/tuning.hpp"

namespace spmis::http {

std::string request_id_of(const web::http::http_request& message) {
    try {
        const auto& headers = message.headers();
        auto it = headers.find("X-Request-Id");
        if (it != headers.end()) {
            const std::string& id = it->second;
            bool plain = !id.empty() && id.size() <= tuning::kHttpMaxRequestIdLength;
            for (char c : id) {
                plain = plain &&
                        (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.');
            }
            if (plain) return id;
        }
    } catch (...) {  // NOLINT(bugprone-empty-catch): fall through to a generated id
    }
    return new_uuid_v7().to_string();
}

HttpRequest to_http_request(const web::http::http_request& message, std::string body,
                            bool trust_forwarded_for) {
    HttpRequest request;
    request.method = message.method();
    const web::uri& uri = message.request_uri();
    request.path = web::uri::decode(uri.path());
    for (const auto& [key, value] : web::uri::split_query(uri.query())) {
        request.query_params[web::uri::decode(key)] = web::uri::decode(value);
    }
    for (const auto& [name, value] : message.headers()) {
        request.headers[lower_ascii(name)] = value;
    }
    request.body = std::move(body);
    request.remote_address = message.remote_address();
    const std::string forwarded = request.header("x-forwarded-for");
    if (trust_forwarded_for && !forwarded.empty()) {
        std::string last = forwarded.substr(forwarded.rfind(',') + 1);
        last.erase(0, last.find_first_not_of(' '));
        if (!last.empty()) request.remote_address = last;
    }
    request.request_id = request_id_of(message);
    return request;
}

}  // namespace spmis::http

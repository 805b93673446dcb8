#pragma once
// A small blocking HTTP client for tests (libcurl). Each call uses its own handle, so one client
// may be used from many threads at once.

#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

namespace spmis::test {

struct HttpResult {
    long status = 0;    // 0 when the request failed at the transport level
    std::string error;  // curl's message when status is 0
    std::string body;
    std::map<std::string, std::string> headers;  // lower-case names
    double seconds = 0;

    // The body parsed as JSON (null when it is not JSON).
    nlohmann::json json() const;
    // A header value or "".
    std::string header(const std::string& lower_name) const;
};

class HttpClient {
public:
    explicit HttpClient(std::string base_url, std::chrono::milliseconds timeout = std::chrono::seconds(10));

    // Adds "Authorization: Bearer token" to every later request ("" removes it).
    void set_bearer(std::string token) { bearer_ = std::move(token); }
    // Accepts any server certificate (tests with a self-signed one).
    void set_insecure_tls(bool insecure) { insecure_tls_ = insecure; }

    HttpResult get(const std::string& path, const std::map<std::string, std::string>& headers = {}) const;
    HttpResult post(const std::string& path, const std::string& body,
                    const std::map<std::string, std::string>& headers = {}) const;
    HttpResult post_json(const std::string& path, const nlohmann::json& body) const;
    HttpResult put(const std::string& path, const std::string& body,
                   const std::map<std::string, std::string>& headers = {}) const;
    HttpResult del(const std::string& path, const std::map<std::string, std::string>& headers = {}) const;
    // Any method; body sent when non-empty (Content-Type application/json unless given).
    HttpResult request(const std::string& method, const std::string& path, const std::string& body,
                       const std::map<std::string, std::string>& headers) const;

private:
    std::string base_url_;
    std::chrono::milliseconds timeout_;
    std::string bearer_;
    bool insecure_tls_ = false;
};

}  // namespace spmis::test

#pragma once
// The field client's HTTP transport: libcurl POSTs of JSON bodies (gzip-compressed when large) to
// the server's sync and enrollment endpoints, with bounded timeouts and response sizes.

#include <string>

#include "spmis/sync/transport.hpp"

namespace spmis::field {

class CurlTransport final : public sync::Transport {
public:
    // base_url like "https://mis.example.org" (no trailing path).
    explicit CurlTransport(std::string base_url, bool gzip_requests = true);

    // endpoint: "hello", "push", "pull" (POST /api/v1/sync/{endpoint}) or "enroll"
    // (POST /api/v1/devices/enroll). kNetwork when unreachable or 5xx; other statuses map to the
    // error code the server named (401 -> kUnauthenticated, 400 -> kInvalidArgument, ...).
    Result<std::string> call(const std::string& endpoint, const std::string& body) override;

private:
    std::string base_url_;
    bool gzip_;
};

// The URL path of an endpoint.
std::string endpoint_path(const std::string& endpoint);

}  // namespace spmis::field

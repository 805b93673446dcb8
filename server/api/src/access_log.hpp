#pragma once
// The access log line of every request (written where metrics are recorded, in one place) and
// the secrets of a request that no log line may show.

#include <chrono>
#include <string>
#include <vector>

#include "spmis/http/http_message.hpp"

namespace spmis::api {

// The request's bearer token, and the values of sensitive fields (password, token, national_id,
// ...) in its JSON body and query: masked in every log line written while it is handled. Reads the
// whole body, so it is given to the log scope as a source that runs only if a line is written.
std::vector<std::string> request_secrets(const http::HttpRequest& request);

// One line: request_id, method, route pattern (never the raw path), status, duration_ms, and the
// user or (sync routes) the device.
void log_request(const http::HttpRequest& request, int status, std::chrono::steady_clock::duration elapsed);

}  // namespace spmis::api

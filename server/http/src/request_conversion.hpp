#pragma once
// cpprest request -> our HttpRequest (private to the adapter).

#include <cpprest/http_msg.h>

#include <string>

#include "spmis/http/http_message.hpp"

namespace spmis::http {

// The client's X-Request-Id when it is short and plain ([A-Za-z0-9._-]), else a new UUIDv7.
std::string request_id_of(const web::http::http_request& message);

// Copies method, decoded path and query, lower-cased headers, remote address (the last
// X-Forwarded-For entry when trust_forwarded_for) and request id. Throws what cpprest throws on
// an undecodable URI (the adapter catches it).
HttpRequest to_http_request(const web::http::http_request& message, std::string body,
                            bool trust_forwarded_for);

}  // namespace spmis::http

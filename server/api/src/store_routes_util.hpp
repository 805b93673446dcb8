#pragma once
// Helpers shared by the store-backed route groups (private to spmis::api).

#include <optional>
#include <string>

#include "spmis/base/status.hpp"
#include "spmis/base/uuid.hpp"
#include "spmis/http/http_message.hpp"
#include "spmis/model/audit.hpp"
#include "spmis/store/store.hpp"

namespace spmis::api {

// The {name} path parameter as an id; kNotFound naming `what` when it is not a valid id (no
// record can have it).
Result<Uuid> path_id(const http::HttpRequest& request, const char* name, const char* what);

// The query parameter, or "" when absent.
std::string query_param(const http::HttpRequest& request, const char* name);

// ?limit= clamped to [1, max]; kInvalidArgument when it is not a positive integer.
Result<std::size_t> page_limit(const http::HttpRequest& request, std::size_t fallback, std::size_t max);

// ?cursor= as an id (the last id of the previous page), nullopt when absent.
Result<std::optional<Uuid>> page_cursor(const http::HttpRequest& request);

// Appends an audit event about one record on behalf of the request's user.
Status audit_event(store::Store& store, const http::HttpRequest& request, const char* record_kind,
                   const Uuid& record_id, const char* action, std::string before, std::string after);

}  // namespace spmis::api

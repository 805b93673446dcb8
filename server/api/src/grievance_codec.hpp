#pragma once
// Grievances in and out of JSON (private to spmis::api).

#include <nlohmann/json.hpp>
#include <vector>

#include "spmis/grievances/grievance_service.hpp"

namespace spmis::api {

// A ticket with its number, links and service-level figures at `now`.
nlohmann::json grievance_json(const store::Grievance& g, UtcTime now);
// One history entry.
nlohmann::json grievance_event_json(const store::GrievanceEvent& e);
// A category with its service levels and subcategories.
nlohmann::json grievance_category_json(const store::GrievanceCategory& c);
// The body of POST /api/v1/grievances; kInvalidArgument naming the first bad or unknown field.
Result<grievances::OpenRequest> open_request_from_json(const nlohmann::json& body);

}  // namespace spmis::api

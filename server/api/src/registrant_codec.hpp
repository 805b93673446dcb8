#pragma once
// Registrants to and from the API's JSON (private to spmis::api).

#include <nlohmann/json.hpp>

#include "spmis/base/status.hpp"
#include "spmis/model/registrant.hpp"

namespace spmis::api {

// Every field of r, with created_at/updated_at.
nlohmann::json registrant_to_json(const model::Registrant& r);

// Copies the fields present in body onto r (create and PATCH share it); kInvalidArgument naming
// the field for an unknown field or a wrong type or value. "kind" is accepted only when
// allow_kind is true.
Status apply_registrant_fields(const nlohmann::json& body, bool allow_kind, model::Registrant* r);

// The optional Uuid in j[key] (a string or null); kInvalidArgument otherwise.
Result<std::optional<Uuid>> optional_uuid_field(const nlohmann::json& j, const char* key);

}  // namespace spmis::api

#pragma once
// JSON views of decoded credentials and verification results, shared by `spmis-field --json` and
// the server's verify endpoint so both print the same shape.

#include <nlohmann/json.hpp>

#include "spmis/credential/claims.hpp"
#include "spmis/credential/verify.hpp"

namespace spmis::credential {

// {"issuer", "subject", "expires_at", "not_before", "issued_at" (UTC seconds), "cti" (hex),
//  "full_name"?, "entitlement": {"program", "cycle", "kind": "in_kind"|"cash"|"service",
//  "items": [{"item", "quantity", "unit"}] | "cash": {"currency", "amount_minor"}, "service_point"?},
//  "status"?: {"index", "uri"}}
nlohmann::json claims_to_json(const Claims& claims);

// {"code": "OK"|..., "ok", "detail", "stale", "kid" (hex), "signer_device_id", "claims"?}
nlohmann::json verify_result_to_json(const VerifyResult& result);

}  // namespace spmis::credential

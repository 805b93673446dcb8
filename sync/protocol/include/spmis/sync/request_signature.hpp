#pragma once
// Signing of device requests that carry no operations (hello, pull): PROTOCOL.md section 6.

#include <string>

#include <nlohmann/json.hpp>

#include "spmis/sync/batch_signature.hpp"

namespace spmis::sync {

// Adds `request_sig` to a request body for `endpoint`.
void sign_request(const KeyPair& keys, const std::string& endpoint, nlohmann::json& body);
// True when body's `request_sig` is the key's signature over the rest of the body for `endpoint`.
bool verify_request(const PublicKey& key, const std::string& endpoint, const nlohmann::json& body);

}  // namespace spmis::sync

#pragma once
// The trust list as sync carries it: the server builds it from every device key and signs it with
// its root key (pull record kind "trust_list", data {"text": hex of the COSE_Sign1}); a device checks
// it against the server key it received at enrollment.

#include <nlohmann/json.hpp>

#include "spmis/base/status.hpp"
#include "spmis/base/time.hpp"
#include "spmis/base/uuid.hpp"
#include "spmis/credential/trust_list.hpp"
#include "spmis/sync/batch_signature.hpp"

namespace spmis::sync {

// The fixed id of the one trust_list pull record.
inline Uuid trust_list_record_id() { return Uuid{}; }

// The list the store's source {devices: [{id, public_key (hex), registered_at, revoked_at}]} describes,
// issued at `now` (every program allowed). kInvalidArgument for a malformed source.
Result<credential::TrustList> trust_list_from_source(const nlohmann::json& source, UtcTime now);
// Builds the list from the store's source {devices: [{id, public_key, registered_at, revoked_at}]}
// (every program allowed), signs it with the root key and returns the record data {"text": hex}.
Result<nlohmann::json> signed_trust_list_record(const nlohmann::json& source, const KeyPair& root,
                                                UtcTime now);
// Verifies a pulled record's data against the server public key (hex); kCorrupt when forged.
Result<credential::TrustList> trust_list_from_record(const nlohmann::json& data,
                                                     const std::string& server_public_key_hex);

}  // namespace spmis::sync

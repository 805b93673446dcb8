#pragma once
// The trust list as sync carries it: the server builds it from every device key and signs it with
// its root key (pull record kind "trust_list", data {"text": hex of the COSE_Sign1}); a device checks
// it against the server key it received at enrollment.

#include <vector>

#include "spmis/base/status.hpp"
#include "spmis/base/time.hpp"
#include "spmis/base/uuid.hpp"
#include "spmis/credential/trust_list.hpp"
#include "spmis/sync/batch_signature.hpp"
#include "spmis/sync/pulled_records.hpp"

namespace spmis::sync {

// The fixed id of the one trust_list pull record.
inline Uuid trust_list_record_id() { return Uuid{}; }

// The list these device keys describe, issued at `now` (every program allowed). kInvalidArgument for
// a key that is not 32 bytes of hex.
Result<credential::TrustList> trust_list_from_source(const std::vector<TrustListEntry>& devices, UtcTime now);
// Builds the list from the device keys, signs it with the root key: the pulled trust_list record.
Result<PulledTrustList> signed_trust_list_record(const std::vector<TrustListEntry>& devices,
                                                 const KeyPair& root, UtcTime now);
// Verifies a pulled trust list against the server public key (hex); kCorrupt when forged.
Result<credential::TrustList> trust_list_from_record(const PulledTrustList& record,
                                                     const std::string& server_public_key_hex);

}  // namespace spmis::sync

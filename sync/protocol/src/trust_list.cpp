#include "spmis/sync/trust_list.hpp"

#include "spmis/credential/ed25519.hpp"
#include "spmis/sync/protocol.hpp"

namespace spmis::sync {
namespace {

std::int64_t unix_seconds(UtcTime t) { return to_unix_micros(t) / 1'000'000; }

Result<credential::TrustedDevice> trusted_device(const TrustListEntry& d) {
    credential::TrustedDevice out;
    SPMIS_ASSIGN_OR_RETURN(out.public_key, credential::from_hex(d.public_key));
    if (out.public_key.size() != credential::kEd25519PublicKeySize)
        return make_error(ErrorCode::kInvalidArgument, "device public key is not 32 bytes");
    out.kid = credential::key_id(out.public_key);
    out.device_id = d.id.to_string();
    out.valid_from = unix_seconds(d.registered_at);
    out.valid_until = out.valid_from + tuning::kTrustedKeyLifetime.count();
    if (d.revoked_at) out.revoked_at = unix_seconds(*d.revoked_at);
    return out;
}

}  // namespace

Result<credential::TrustList> trust_list_from_source(const std::vector<TrustListEntry>& devices,
                                                     UtcTime now) {
    credential::TrustList list;
    list.issued_at = unix_seconds(now);
    list.expires_at = list.issued_at + tuning::kTrustListLifetime.count();
    for (const auto& d : devices) {
        SPMIS_ASSIGN_OR_RETURN(auto device, trusted_device(d));
        list.devices.push_back(std::move(device));
    }
    return list;
}

Result<PulledTrustList> signed_trust_list_record(const std::vector<TrustListEntry>& devices,
                                                 const KeyPair& root, UtcTime now) {
    SPMIS_ASSIGN_OR_RETURN(credential::TrustList list, trust_list_from_source(devices, now));
    return PulledTrustList{credential::to_hex(credential::sign_trust_list(list, root.signer))};
}

Result<credential::TrustList> trust_list_from_record(const PulledTrustList& record,
                                                     const std::string& server_public_key_hex) {
    if (record.text.empty()) return make_error(ErrorCode::kCorrupt, "the pulled trust list has no text");
    SPMIS_ASSIGN_OR_RETURN(auto signed_list, credential::from_hex(record.text));
    SPMIS_ASSIGN_OR_RETURN(auto root, credential::from_hex(server_public_key_hex));
    return credential::verify_trust_list(signed_list, root);
}

}  // namespace spmis::sync

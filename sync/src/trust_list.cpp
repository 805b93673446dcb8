#include "spmis/sync/trust_list.hpp"

#include "spmis/base/tuning.hpp"
#include "spmis/credential/ed25519.hpp"

namespace spmis::sync {
namespace {

using nlohmann::json;

std::int64_t unix_seconds(UtcTime t) { return to_unix_micros(t) / 1'000'000; }

Result<std::int64_t> seconds_field(const json& j, const char* key) {
    if (!j.contains(key) || !j[key].is_string())
        return make_error(ErrorCode::kInvalidArgument, std::string("trust list source lacks ") + key);
    SPMIS_ASSIGN_OR_RETURN(UtcTime t, parse_time(j[key].get<std::string>()));
    return unix_seconds(t);
}

Result<credential::TrustedDevice> trusted_device(const json& d) {
    credential::TrustedDevice out;
    SPMIS_ASSIGN_OR_RETURN(out.public_key, credential::from_hex(d.value("public_key", std::string())));
    if (out.public_key.size() != credential::kEd25519PublicKeySize)
        return make_error(ErrorCode::kInvalidArgument, "device public key is not 32 bytes");
    out.kid = credential::key_id(out.public_key);
    out.device_id = d.value("id", std::string());
    SPMIS_ASSIGN_OR_RETURN(out.valid_from, seconds_field(d, "registered_at"));
    out.valid_until = out.valid_from + tuning::kTrustedKeyLifetime.count();
    if (d.contains("revoked_at") && d["revoked_at"].is_string()) {
        SPMIS_ASSIGN_OR_RETURN(out.revoked_at, seconds_field(d, "revoked_at"));
    }
    return out;
}

}  // namespace

Result<credential::TrustList> trust_list_from_source(const json& source, UtcTime now) {
    if (!source.is_object() || !source.contains("devices") || !source["devices"].is_array())
        return make_error(ErrorCode::kInvalidArgument, "trust list source has no devices array");
    credential::TrustList list;
    list.issued_at = unix_seconds(now);
    list.expires_at = list.issued_at + tuning::kTrustListLifetime.count();
    for (const auto& d : source["devices"]) {
        SPMIS_ASSIGN_OR_RETURN(auto device, trusted_device(d));
        list.devices.push_back(std::move(device));
    }
    return list;
}

Result<json> signed_trust_list_record(const json& source, const KeyPair& root, UtcTime now) {
    SPMIS_ASSIGN_OR_RETURN(credential::TrustList list, trust_list_from_source(source, now));
    credential::Bytes seed(root.secret_key.begin(), root.secret_key.begin() + credential::kEd25519SeedSize);
    SPMIS_ASSIGN_OR_RETURN(auto key, credential::SigningKey::from_seed(seed));
    return json{{"text", credential::to_hex(credential::sign_trust_list(list, key))}};
}

Result<credential::TrustList> trust_list_from_record(const json& data,
                                                     const std::string& server_public_key_hex) {
    if (!data.is_object() || !data.contains("text") || !data["text"].is_string())
        return make_error(ErrorCode::kCorrupt, "the pulled trust list has no text");
    SPMIS_ASSIGN_OR_RETURN(auto signed_list, credential::from_hex(data["text"].get<std::string>()));
    SPMIS_ASSIGN_OR_RETURN(auto root, credential::from_hex(server_public_key_hex));
    return credential::verify_trust_list(signed_list, root);
}

}  // namespace spmis::sync

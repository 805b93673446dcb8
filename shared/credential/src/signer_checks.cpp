#include "signer_checks.hpp"

#include "spmis/credential/device_certificate.hpp"

namespace spmis::credential {
namespace {

std::optional<TrustedDevice> from_certificate(const CoseSign1& message, const Bytes& kid,
                                              const VerifyContext& ctx) {
    const CborValue* embedded = message.unprotected.find(kHeaderDeviceCertificate);
    if (embedded == nullptr || embedded->type != CborType::kBytes || !ctx.root_public_key)
        return std::nullopt;
    Result<DeviceCertificate> cert = verify_device_certificate(embedded->bytes, *ctx.root_public_key);
    if (!cert.ok() || key_id(cert->public_key) != kid) return std::nullopt;
    TrustedDevice d;
    d.kid = kid;
    d.public_key = cert->public_key;
    d.device_id = cert->device_id;
    d.valid_from = cert->valid_from;
    d.valid_until = cert->valid_until;
    return d;
}

SignerCheck reason_for(const TrustedDevice& d, const Claims& claims) {
    if (d.revoked_at && claims.issued_at >= *d.revoked_at) {
        return {VerifyCode::kSignerRevoked, "signed at or after the device's revocation", d.device_id};
    }
    if (!d.valid_at(claims.issued_at)) {
        return {VerifyCode::kSignerNotValid, "signed outside the device key's validity", d.device_id};
    }
    return {VerifyCode::kProgramNotAllowed, "program " + claims.entitlement.program + " not allowed",
            d.device_id};
}

}  // namespace

std::vector<TrustedDevice> candidate_signers(const CoseSign1& message, const Bytes& kid,
                                             const VerifyContext& ctx) {
    std::vector<TrustedDevice> out;
    if (ctx.trust_list != nullptr) {
        for (const TrustedDevice* d : ctx.trust_list->find(kid)) out.push_back(*d);
    }
    if (out.empty()) {
        if (std::optional<TrustedDevice> d = from_certificate(message, kid, ctx))
            out.push_back(std::move(*d));
    }
    return out;
}

SignerCheck check_claims_and_signer(const Claims& claims, const std::vector<TrustedDevice>& signers,
                                    std::int64_t now, std::int64_t skew_seconds) {
    if (claims.not_before > now + skew_seconds) return {VerifyCode::kNotYetValid, "nbf is in the future", ""};
    if (now > claims.expires_at) return {VerifyCode::kExpired, "exp has passed", ""};
    for (const TrustedDevice& d : signers) {
        if (d.valid_at(claims.issued_at) && d.allows_program(claims.entitlement.program)) {
            return {VerifyCode::kOk, "", d.device_id};
        }
    }
    return reason_for(signers.front(), claims);
}

}  // namespace spmis::credential

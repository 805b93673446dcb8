#include "spmis/credential/issue.hpp"

#include "spmis/credential/cose_sign1.hpp"
#include "spmis/credential/device_certificate.hpp"
#include "spmis/credential/envelope.hpp"

namespace spmis::credential {

Bytes new_cti(Random& random) {
    Bytes cti(kCtiSize);
    random.fill(cti.data(), cti.size());
    return cti;
}

Result<Bytes> sign_credential(const Claims& claims, const SigningKey& key, const IssueOptions& options) {
    if (claims.cti.size() != kCtiSize)
        return make_error(ErrorCode::kInvalidArgument, "credential: cti must be 8 bytes");
    CborValue unprotected = CborValue::map({});
    if (options.device_certificate) {
        unprotected = CborValue::map({{CborValue::integer(kHeaderDeviceCertificate),
                                       CborValue::byte_string(*options.device_certificate)}});
    }
    return encode_cose_sign1(sign_ed25519_with_kid(key, cbor_encode(claims_to_cbor(claims)), unprotected));
}

Result<std::string> issue_credential(const Claims& claims, const SigningKey& key,
                                     const IssueOptions& options) {
    SPMIS_ASSIGN_OR_RETURN(Bytes cose, sign_credential(claims, key, options));
    SPMIS_ASSIGN_OR_RETURN(std::string body, encode_envelope(cose));
    return std::string(kSpp1Prefix) + body;
}

}  // namespace spmis::credential

#pragma once
// Steps 6 and 8 of the verification: which keys may have signed, and whether the claims' times and
// the signer's validity, revocation and programs allow the credential.

#include <string>
#include <vector>

#include "spmis/credential/cose_sign1.hpp"
#include "spmis/credential/verify.hpp"

namespace spmis::credential {

// Trust-list entries with the kid; if none, the embedded device certificate (label -65538) when it
// verifies with the root key and its key matches the kid; else empty.
std::vector<TrustedDevice> candidate_signers(const CoseSign1& message, const Bytes& kid,
                                             const VerifyContext& ctx);

// The step 8 verdict and the signer it settled on.
struct SignerCheck {
    VerifyCode code = VerifyCode::kOk;
    std::string detail;
    std::string device_id;
};

// Times first (nbf then exp), then the signers whose signature verified: the first one valid at
// iat for the program wins; otherwise the first signer's reason.
SignerCheck check_claims_and_signer(const Claims& claims, const std::vector<TrustedDevice>& signers,
                                    std::int64_t now, std::int64_t skew_seconds);

}  // namespace spmis::credential

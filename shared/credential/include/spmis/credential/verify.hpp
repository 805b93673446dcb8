#pragma once
// Verification of an SPP1 credential, identical on devices and on the server: the numbered steps
// of shared/CREDENTIALS.md, stopping at the first failure with a specific code.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "spmis/base/time.hpp"
#include "spmis/credential/bytes.hpp"
#include "spmis/credential/claims.hpp"
#include "spmis/credential/status_list.hpp"
#include "spmis/credential/trust_list.hpp"
#include "spmis/credential/tuning.hpp"

namespace spmis::credential {

// The outcome. Codes beyond CREDENTIALS.md, all from step 8 and all about the signer:
// kSignerNotValid (iat outside the key's valid_from..valid_until), kSignerRevoked (iat at or after
// the key's revocation: only credentials signed after revocation fail), kProgramNotAllowed.
enum class VerifyCode {
    kOk,
    kUnsupported,        // step 1: no "SPP1:" prefix
    kFormat,             // steps 1-5 and 8: length, base45, zlib, CBOR, COSE shape, headers, claims
    kUnknownSigner,      // step 6: no trust-list entry nor valid device certificate for the kid
    kBadSignature,       // step 7
    kNotYetValid,        // step 8: nbf > now + skew
    kExpired,            // step 8: now > exp
    kSignerNotValid,     // step 8
    kSignerRevoked,      // step 8
    kProgramNotAllowed,  // step 8
    kRevoked,            // step 9: status list says not valid
    kAlreadyRedeemed,    // step 9: the ledger holds the cti
};

// "OK", "UNSUPPORTED", "FORMAT", "UNKNOWN_SIGNER", "BAD_SIGNATURE", "NOT_YET_VALID", "EXPIRED",
// "SIGNER_NOT_VALID", "SIGNER_REVOKED", "PROGRAM_NOT_ALLOWED", "REVOKED", "ALREADY_REDEEMED".
std::string_view verify_code_name(VerifyCode code);

// What the verifier knows. Pointers are borrowed for the call; null means "not available".
struct VerifyContext {
    UtcTime now;
    std::int64_t skew_seconds = tuning::kCredentialClockSkewSeconds;
    const TrustList* trust_list = nullptr;
    std::optional<Bytes> root_public_key;  // enables embedded device certificates
    const StatusListSource* status_lists = nullptr;
    const RedemptionLedger* ledger = nullptr;
};

// The decision and what the officer sees.
struct VerifyResult {
    VerifyCode code = VerifyCode::kFormat;
    std::string detail;            // why, for logs and the officer
    bool stale = false;            // the trust list was past its expiry
    std::optional<Claims> claims;  // set once the signature verified and the claims parsed
    std::string signer_device_id;  // the trust-list or certificate entry that verified
    Bytes kid;

    bool ok() const { return code == VerifyCode::kOk; }
};

// Runs steps 1-9 on the scanned text. Never fails otherwise; thread-safe if the context's sources are.
VerifyResult verify_credential(std::string_view scanned_text, const VerifyContext& context);

}  // namespace spmis::credential

#pragma once
// Issuing an SPP1 credential: claims -> CBOR -> COSE_Sign1 (Ed25519) -> zlib -> base45 -> "SPP1:".

#include <optional>
#include <string>

#include "spmis/base/clock.hpp"
#include "spmis/base/status.hpp"
#include "spmis/credential/bytes.hpp"
#include "spmis/credential/claims.hpp"
#include "spmis/credential/ed25519.hpp"

namespace spmis::credential {

// Options of issue_credential.
struct IssueOptions {
    // A root-signed device certificate (sign_device_certificate) to embed under label -65538.
    std::optional<Bytes> device_certificate;
};

// A fresh 8-byte voucher id.
Bytes new_cti(Random& random);
// The signed COSE_Sign1 bytes of the claims. kInvalidArgument when the cti is not 8 bytes.
Result<Bytes> sign_credential(const Claims& claims, const SigningKey& key, const IssueOptions& options = {});
// The QR text "SPP1:" + base45(zlib(sign_credential(...))).
Result<std::string> issue_credential(const Claims& claims, const SigningKey& key,
                                     const IssueOptions& options = {});

}  // namespace spmis::credential

#pragma once
// ES256 / PS256 verification through OpenSSL for the foreign vectors (EU DCC, COSE WG, Claim 169).
// Test-only: SPP1 itself is Ed25519 and never needs this.

#include <string>

#include "spmis/credential/bytes.hpp"

namespace spmis::credential::testing {

// COSE algorithm ids of the foreign vectors.
inline constexpr long long kAlgEs256 = -7;
inline constexpr long long kAlgPs256 = -37;

// Verifies a raw r||s ES256 signature with an uncompressed P-256 point (0x04 || x || y).
bool es256_verify_point(const Bytes& point, const Bytes& message, const Bytes& signature);
// Verifies an ES256 (raw r||s) or PS256 (salt = digest length) signature with the key of a DER
// X.509 certificate.
bool certificate_verify(const Bytes& certificate_der, long long alg, const Bytes& message,
                        const Bytes& signature);
// Standard base64 to bytes (throws on bad input).
Bytes base64_decode(const std::string& text);
// base64url without padding (JWK) to bytes.
Bytes base64url_decode(std::string text);

}  // namespace spmis::credential::testing

#pragma once
// COSE_Sign1 (RFC 9052) with EdDSA/Ed25519: the signed envelope of credentials, trust lists and
// device certificates. Signatures are always checked over the protected and payload bytes exactly
// as received, never over a re-encoding.

#include "spmis/base/status.hpp"
#include "spmis/credential/bytes.hpp"
#include "spmis/credential/cbor.hpp"
#include "spmis/credential/ed25519.hpp"

namespace spmis::credential {

inline constexpr std::uint64_t kCoseSign1Tag = 18;
inline constexpr std::uint64_t kCwtTag = 61;
inline constexpr std::int64_t kCoseHeaderAlg = 1;
inline constexpr std::int64_t kCoseHeaderCrit = 2;
inline constexpr std::int64_t kCoseHeaderKid = 4;
inline constexpr std::int64_t kCoseAlgEdDsa = -8;

// A parsed COSE_Sign1. protected_bytes and payload are the raw bstr contents as received.
struct CoseSign1 {
    Bytes protected_bytes;
    CborValue protected_header;  // decoded protected_bytes (an empty map when they are empty)
    CborValue unprotected;       // a map
    Bytes payload;
    Bytes signature;
};

// What the parser accepts around the 4-element array.
struct CoseParseOptions {
    bool allow_cwt_tag = false;  // accept 61(18(...)) as well as 18(...) and untagged
    CborLimits limits{};
};

// The CBOR Sig_structure ["Signature1", protected, external_aad, payload].
Bytes sig_structure(const Bytes& protected_bytes, const Bytes& payload, const Bytes& external_aad = {});

// Parses a COSE_Sign1: untagged or tag 18 (optionally inside tag 61), an array [bstr, map, bstr,
// bstr] whose protected bstr is empty or a CBOR map. kInvalidArgument with the reason otherwise.
Result<CoseSign1> parse_cose_sign1(const Bytes& data, const CoseParseOptions& options = {});

// The tagged (18) or untagged encoding of the message.
Bytes encode_cose_sign1(const CoseSign1& message, bool tagged = true);

// Signs payload with the key under the given protected and unprotected header maps.
CoseSign1 sign_cose_sign1(const SigningKey& key, const CborValue& protected_header,
                          const CborValue& unprotected, const Bytes& payload);

// The SPP1 header rule: protected {1: -8, 4: kid of the key}, unprotected as given.
CoseSign1 sign_ed25519_with_kid(const SigningKey& key, const Bytes& payload,
                                const CborValue& unprotected = CborValue::map({}));

// Step 5 of the verification: alg -8 present in the protected header, an 8-byte kid there, no crit.
// Returns the kid; kInvalidArgument otherwise.
Result<Bytes> protected_ed25519_kid(const CoseSign1& message);

// True when the message's signature verifies under the Ed25519 public key.
bool verify_cose_ed25519(const CoseSign1& message, const Bytes& public_key, const Bytes& external_aad = {});

}  // namespace spmis::credential

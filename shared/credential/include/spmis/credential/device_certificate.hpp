#pragma once
// A compact root-signed device certificate, carried in a credential's unprotected header under
// label -65538 for verifiers that never sync a trust list. COSE_Sign1 by the root over the claims
// {2: device id, 4: valid_until, 5: valid_from, 8: {1: COSE_Key {1: 1 (OKP), -1: 6 (Ed25519), -2: key}}}.

#include <cstdint>
#include <string>

#include "spmis/base/status.hpp"
#include "spmis/credential/bytes.hpp"
#include "spmis/credential/ed25519.hpp"

namespace spmis::credential {

inline constexpr std::int64_t kHeaderDeviceCertificate = -65538;

// What the root certifies about one device key. Times are UTC seconds.
struct DeviceCertificate {
    std::string device_id;
    std::int64_t valid_from = 0;
    std::int64_t valid_until = 0;
    Bytes public_key;
    bool operator==(const DeviceCertificate&) const = default;
};

// The certificate as a tagged COSE_Sign1 signed by the root key (deterministic bytes).
Bytes sign_device_certificate(const DeviceCertificate& certificate, const SigningKey& root);
// Parses and checks a certificate against the root public key: kCorrupt for a bad signature or
// another root, kInvalidArgument for a malformed one.
Result<DeviceCertificate> verify_device_certificate(const Bytes& signed_certificate,
                                                    const Bytes& root_public_key);

}  // namespace spmis::credential

#pragma once
// Ed25519 keys (libsodium) and the key id rule of SPP1: the first 8 bytes of SHA-256 over the raw
// 32-byte public key.

#include <cstddef>

#include "spmis/base/status.hpp"
#include "spmis/credential/bytes.hpp"

namespace spmis::credential {

inline constexpr std::size_t kEd25519PublicKeySize = 32;
inline constexpr std::size_t kEd25519SeedSize = 32;
inline constexpr std::size_t kEd25519SignatureSize = 64;
inline constexpr std::size_t kKidSize = 8;

// An Ed25519 signing key. The secret part is wiped on destruction. Thread-safe for signing.
class SigningKey {
public:
    // A fresh key from libsodium's CSPRNG.
    static SigningKey generate();
    // The key derived from a 32-byte seed; kInvalidArgument for another size.
    static Result<SigningKey> from_seed(const Bytes& seed);
    ~SigningKey();
    SigningKey(const SigningKey& other) = default;
    SigningKey& operator=(const SigningKey& other) = default;

    const Bytes& public_key() const { return public_key_; }
    // The 32-byte seed (to store the key); keep it secret.
    Bytes seed() const;
    // key_id(public_key()).
    Bytes kid() const;
    // The detached 64-byte signature of the message.
    Bytes sign(const Bytes& message) const;

private:
    SigningKey() = default;
    Bytes secret_;  // libsodium's 64-byte form: seed followed by public key
    Bytes public_key_;
};

// First 8 bytes of SHA-256 over the public key.
Bytes key_id(const Bytes& public_key);
// True when the signature is a valid Ed25519 signature of the message under the public key
// (libsodium crypto_sign_verify_detached; false for wrong sizes).
bool ed25519_verify(const Bytes& public_key, const Bytes& message, const Bytes& signature);

}  // namespace spmis::credential

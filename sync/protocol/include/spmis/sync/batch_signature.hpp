#pragma once
// Device identity keys and the one signature per push batch or bundle (PROTOCOL.md section 3).

#include <array>
#include <cstdint>
#include <span>
#include <string>

#include "spmis/base/hex.hpp"
#include "spmis/base/status.hpp"
#include "spmis/base/uuid.hpp"
#include "spmis/credential/ed25519.hpp"
#include "spmis/sync/operation.hpp"

namespace spmis::sync {

using PublicKey = std::array<std::uint8_t, 32>;
using Signature = std::array<std::uint8_t, 64>;

// An Ed25519 key pair: the public key as the wire carries it, and the secret inside
// credential::SigningKey, the project's one key type, which wipes it when destroyed. The secret
// never leaves the device's (or the server's) key file.
struct KeyPair {
    PublicKey public_key{};
    credential::SigningKey signer;
};

// The pair of a signing key (its public key copied into the wire form).
KeyPair key_pair_of(credential::SigningKey signer);
// A fresh key pair from libsodium's CSPRNG.
KeyPair generate_key_pair();
// A key pair derived from a 32-byte seed (tests and simulations only).
KeyPair key_pair_from_seed(const std::array<std::uint8_t, 32>& seed);

// Signs the batch that ends with `last` (its device id, sequence and hash).
Signature sign_batch(const KeyPair& keys, const Operation& last);
// True when `signature` is the device key's signature over the batch ending with `last`.
bool verify_batch(const PublicKey& key, const Operation& last, const Signature& signature);

// Strict parses of keys and signatures on the wire (spmis/base/hex.hpp is the codec).
Result<PublicKey> public_key_from_hex(const std::string& text);
Result<Signature> signature_from_hex(const std::string& text);

}  // namespace spmis::sync

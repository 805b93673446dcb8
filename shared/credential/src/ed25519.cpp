#include "spmis/credential/ed25519.hpp"

#include <sodium.h>

#include <cstdlib>

namespace spmis::credential {
namespace {

void ensure_sodium() {
    static const bool kReady = sodium_init() >= 0;
    if (!kReady) std::abort();  // no safe way to continue without a working CSPRNG
}

}  // namespace

SigningKey SigningKey::generate() {
    ensure_sodium();
    Bytes seed(kEd25519SeedSize);
    randombytes_buf(seed.data(), seed.size());
    SigningKey key = from_seed(seed).value();
    sodium_memzero(seed.data(), seed.size());
    return key;
}

Result<SigningKey> SigningKey::from_seed(const Bytes& seed) {
    ensure_sodium();
    if (seed.size() != kEd25519SeedSize) {
        return make_error(ErrorCode::kInvalidArgument, "ed25519: seed must be 32 bytes");
    }
    SigningKey key;
    key.secret_.resize(crypto_sign_SECRETKEYBYTES);
    key.public_key_.resize(crypto_sign_PUBLICKEYBYTES);
    crypto_sign_seed_keypair(key.public_key_.data(), key.secret_.data(), seed.data());
    return key;
}

SigningKey::~SigningKey() {
    if (!secret_.empty()) sodium_memzero(secret_.data(), secret_.size());
}

Bytes SigningKey::seed() const { return {secret_.begin(), secret_.begin() + kEd25519SeedSize}; }

Bytes SigningKey::kid() const { return key_id(public_key_); }

Bytes SigningKey::sign(const Bytes& message) const {
    Bytes signature(crypto_sign_BYTES);
    crypto_sign_detached(signature.data(), nullptr, message.data(), message.size(), secret_.data());
    return signature;
}

Bytes key_id(const Bytes& public_key) {
    ensure_sodium();
    Bytes digest(crypto_hash_sha256_BYTES);
    crypto_hash_sha256(digest.data(), public_key.data(), public_key.size());
    digest.resize(kKidSize);
    return digest;
}

bool ed25519_verify(const Bytes& public_key, const Bytes& message, const Bytes& signature) {
    ensure_sodium();
    if (public_key.size() != crypto_sign_PUBLICKEYBYTES || signature.size() != crypto_sign_BYTES)
        return false;
    return crypto_sign_verify_detached(signature.data(), message.data(), message.size(), public_key.data()) ==
           0;
}

}  // namespace spmis::credential

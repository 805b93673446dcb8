#include "spmis/sync/batch_signature.hpp"

#include <sodium.h>

#include "spmis/base/clock.hpp"

#include <string_view>
#include <vector>

namespace spmis::sync {
namespace {

constexpr char kBatchDomain[] = "spmis-push-v1";

std::vector<std::uint8_t> batch_message(const Operation& last) {
    std::vector<std::uint8_t> m(kBatchDomain, kBatchDomain + sizeof kBatchDomain);
    const auto& id = last.device_id.bytes();
    m.insert(m.end(), id.begin(), id.end());
    for (int shift = 56; shift >= 0; shift -= 8) {
        m.push_back(static_cast<std::uint8_t>(last.device_seq >> shift));
    }
    m.insert(m.end(), last.hash.begin(), last.hash.end());
    return m;
}

}  // namespace

KeyPair generate_key_pair() {
    SecureRandom::instance();  // initialises libsodium once
    KeyPair k;
    crypto_sign_keypair(k.public_key.data(), k.secret_key.data());
    return k;
}

KeyPair key_pair_from_seed(const std::array<std::uint8_t, 32>& seed) {
    KeyPair k;
    crypto_sign_seed_keypair(k.public_key.data(), k.secret_key.data(), seed.data());
    return k;
}

Signature sign_batch(const KeyPair& keys, const Operation& last) {
    auto m = batch_message(last);
    Signature sig{};
    crypto_sign_detached(sig.data(), nullptr, m.data(), m.size(), keys.secret_key.data());
    return sig;
}

bool verify_batch(const PublicKey& key, const Operation& last, const Signature& signature) {
    auto m = batch_message(last);
    return crypto_sign_verify_detached(signature.data(), m.data(), m.size(), key.data()) == 0;
}

Result<PublicKey> public_key_from_hex(const std::string& text) {
    return from_hex_exact<32>(text, "public key");
}

Result<Signature> signature_from_hex(const std::string& text) {
    return from_hex_exact<64>(text, "signature");
}

}  // namespace spmis::sync

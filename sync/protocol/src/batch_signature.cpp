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

KeyPair key_pair_of(credential::SigningKey signer) {
    PublicKey public_key{};
    std::copy(signer.public_key().begin(), signer.public_key().end(), public_key.begin());
    return KeyPair{public_key, std::move(signer)};
}

KeyPair generate_key_pair() {
    SecureRandom::instance();  // initialises libsodium once
    return key_pair_of(credential::SigningKey::generate());
}

KeyPair key_pair_from_seed(const std::array<std::uint8_t, 32>& seed) {
    return key_pair_of(
        credential::SigningKey::from_seed(credential::Bytes(seed.begin(), seed.end())).value());
}

Signature sign_batch(const KeyPair& keys, const Operation& last) {
    const credential::Bytes signed_bytes = keys.signer.sign(batch_message(last));
    Signature sig{};
    std::copy(signed_bytes.begin(), signed_bytes.end(), sig.begin());
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

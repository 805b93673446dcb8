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

template <std::size_t N>
Result<std::array<std::uint8_t, N>> from_hex(const std::string& text, std::string_view what) {
    std::array<std::uint8_t, N> out{};
    std::size_t written = 0;
    if (text.size() != 2 * N ||
        sodium_hex2bin(out.data(), N, text.data(), text.size(), nullptr, &written, nullptr) != 0 ||
        written != N) {
        return make_error(ErrorCode::kInvalidArgument,
                          std::string(what) + " must be " + std::to_string(2 * N) + " hex digits");
    }
    return out;
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

std::string to_hex(std::span<const std::uint8_t> bytes) {
    std::string out(bytes.size() * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), bytes.data(), bytes.size());
    out.pop_back();
    return out;
}

Result<PublicKey> public_key_from_hex(const std::string& text) { return from_hex<32>(text, "public key"); }

Result<Signature> signature_from_hex(const std::string& text) { return from_hex<64>(text, "signature"); }

}  // namespace spmis::sync

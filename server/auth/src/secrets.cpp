#include "spmis/auth/secrets.hpp"

#include <sodium.h>

#include <span>
#include <vector>

#include "spmis/base/hex.hpp"

#include "spmis/auth/tuning.hpp"

namespace spmis::auth {
namespace {

std::string to_hex(const unsigned char* data, std::size_t n) { return spmis::to_hex(std::span(data, n)); }

bool ensure_sodium() {
    static const bool ready = sodium_init() >= 0;
    return ready;
}

}  // namespace

Result<std::string> hash_password(std::string_view password) {
    if (!ensure_sodium()) return make_error(ErrorCode::kInternal, "libsodium could not be initialised");
    std::vector<char> out(crypto_pwhash_STRBYTES);
    if (crypto_pwhash_str_alg(out.data(), password.data(), password.size(),
                              crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                              crypto_pwhash_ALG_ARGON2ID13) != 0) {
        return make_error(ErrorCode::kInternal, "password hashing ran out of memory");
    }
    return std::string(out.data());
}

bool verify_password(std::string_view hash, std::string_view password) {
    if (!ensure_sodium()) return false;
    const std::string stored(hash);  // crypto_pwhash_str_verify wants a NUL-terminated string
    return crypto_pwhash_str_verify(stored.c_str(), password.data(), password.size()) == 0;
}

std::string new_session_token() {
    ensure_sodium();
    std::vector<unsigned char> bytes(tuning::kSessionTokenBytes);
    randombytes_buf(bytes.data(), bytes.size());
    return to_hex(bytes.data(), bytes.size());
}

std::string token_digest(std::string_view token) {
    ensure_sodium();
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(token.data()), token.size());
    return to_hex(digest, sizeof(digest));
}

}  // namespace spmis::auth

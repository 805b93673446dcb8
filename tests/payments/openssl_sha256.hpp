#pragma once
// The SHA-256 of bytes as lowercase hex, computed with OpenSSL: an implementation independent of the
// libsodium one the payment file's recorded hash comes from.

#include <openssl/sha.h>

#include <cstdio>
#include <string>

namespace spmis::test {

// Lowercase hex SHA-256 of `bytes`.
inline std::string openssl_sha256(const std::string& bytes) {
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), digest);
    std::string hex;
    char two[3];
    for (unsigned char b : digest) {
        std::snprintf(two, sizeof two, "%02x", b);
        hex += two;
    }
    return hex;
}

}  // namespace spmis::test

#include "spmis/base/hex.hpp"

#include <sodium.h>

#include <algorithm>

namespace spmis {
namespace {

int digit_value(char c, HexCase letters) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (letters == HexCase::kAny && c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

std::string to_hex(std::span<const std::uint8_t> bytes) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (std::uint8_t b : bytes) {
        out.push_back(kDigits[b >> 4]);
        out.push_back(kDigits[b & 0x0f]);
    }
    return out;
}

Result<std::vector<std::uint8_t>> from_hex(std::string_view hex, HexCase letters) {
    if (hex.size() % 2 != 0) return make_error(ErrorCode::kInvalidArgument, "hex: odd length");
    std::vector<std::uint8_t> out;
    out.reserve(hex.size() / 2);
    for (std::size_t i = 0; i < hex.size(); i += 2) {
        const int hi = digit_value(hex[i], letters);
        const int lo = digit_value(hex[i + 1], letters);
        if (hi < 0 || lo < 0) return make_error(ErrorCode::kInvalidArgument, "hex: bad digit");
        out.push_back(static_cast<std::uint8_t>(hi * 16 + lo));
    }
    return out;
}

std::string sha256_hex(std::string_view bytes) {
    std::array<std::uint8_t, crypto_hash_sha256_BYTES> digest{};
    crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    return to_hex(digest);
}

}  // namespace spmis

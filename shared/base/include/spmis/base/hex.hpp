#pragma once
// The project's one hex codec: keys, hashes, signatures, credential ids and digests all travel as
// lowercase hex text.

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "spmis/base/status.hpp"

namespace spmis {

// Lowercase hex of the bytes.
std::string to_hex(std::span<const std::uint8_t> bytes);

// Which letters a hex text may use: any case, or lowercase only (where the text is canonical, e.g. a
// hash inside a signed operation, so one value has one spelling).
enum class HexCase { kAny, kLowerOnly };

// Hex of even length to bytes; kInvalidArgument ("hex: odd length", "hex: bad digit") otherwise.
Result<std::vector<std::uint8_t>> from_hex(std::string_view hex, HexCase letters = HexCase::kAny);

// Exactly N bytes of hex; kInvalidArgument "<what> must be <2N> hex digits" otherwise.
template <std::size_t N>
Result<std::array<std::uint8_t, N>> from_hex_exact(std::string_view hex, std::string_view what,
                                                   HexCase letters = HexCase::kAny) {
    auto bytes = from_hex(hex, letters);
    if (!bytes.ok() || bytes->size() != N) {
        return make_error(ErrorCode::kInvalidArgument,
                          std::string(what) + " must be " + std::to_string(2 * N) +
                              (letters == HexCase::kLowerOnly ? " lowercase" : "") + " hex digits");
    }
    std::array<std::uint8_t, N> out{};
    std::copy(bytes->begin(), bytes->end(), out.begin());
    return out;
}

// Lowercase hex of the SHA-256 of the bytes (libsodium): file checksums, scope digests, code hashes.
std::string sha256_hex(std::string_view bytes);

}  // namespace spmis

#pragma once
// Byte strings and hex text: the currency of every credential layer.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "spmis/base/status.hpp"

namespace spmis::credential {

using Bytes = std::vector<std::uint8_t>;

// Lower-case hex of the bytes.
std::string to_hex(const Bytes& bytes);
// Hex (either case, even length) to bytes; kInvalidArgument otherwise.
Result<Bytes> from_hex(std::string_view hex);
// The bytes of a string, unchanged.
Bytes to_bytes(std::string_view text);

}  // namespace spmis::credential

#pragma once
// Byte strings and hex text: the currency of every credential layer.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "spmis/base/hex.hpp"
#include "spmis/base/status.hpp"

namespace spmis::credential {

using Bytes = std::vector<std::uint8_t>;

// The project's hex codec (spmis/base/hex.hpp), named here for the credential layers.
using spmis::from_hex;
using spmis::to_hex;
// The bytes of a string, unchanged.
Bytes to_bytes(std::string_view text);

}  // namespace spmis::credential

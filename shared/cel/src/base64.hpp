#pragma once
// Standard base64 (RFC 4648 with padding), used by the typed JSON of bytes values.

#include <optional>
#include <string>
#include <string_view>

namespace spmis::cel {

std::string base64_encode(std::string_view raw);
// The decoded bytes, or nullopt when the text is not valid padded base64.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace spmis::cel

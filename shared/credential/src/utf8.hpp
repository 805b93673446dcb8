#pragma once
// UTF-8 validity (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF).

#include <cstddef>
#include <cstdint>

namespace spmis::credential {

// True when the n bytes at data are well-formed UTF-8.
bool is_valid_utf8(const std::uint8_t* data, std::size_t n);

}  // namespace spmis::credential

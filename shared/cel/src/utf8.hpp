#pragma once
// Small UTF-8 helpers shared by the lexer and the string functions.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace spmis::cel {

// Appends the UTF-8 encoding of code point cp (caller checks it is a valid scalar value).
void append_utf8(std::uint32_t cp, std::string* out);

// True when `s` is valid UTF-8 (no surrogates, no overlongs); `bad` gets the first bad offset.
bool valid_utf8(std::string_view s, std::size_t* bad);

// Number of code points in valid UTF-8 text.
std::size_t utf8_length(std::string_view s);

}  // namespace spmis::cel

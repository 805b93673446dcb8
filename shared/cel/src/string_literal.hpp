#pragma once
// Decoding of CEL string and bytes literals: quotes (' " ''' """), raw prefix, and escapes.

#include <cstddef>
#include <string>
#include <string_view>

namespace spmis::cel {

// Decodes the literal whose opening quote is at src[quote]. Returns the offset just past the
// closing quote, or 0 on error (then *error and *error_pos say what and where).
std::size_t decode_string_literal(std::string_view src, std::size_t quote, bool raw, bool bytes,
                                  std::string* out, std::string* error, std::size_t* error_pos);

}  // namespace spmis::cel

#pragma once
// zlib (RFC 1950) framing of the signed bytes: best compression out, bounded inflation in.

#include <cstddef>

#include "spmis/base/status.hpp"
#include "spmis/credential/bytes.hpp"
#include "spmis/credential/tuning.hpp"

namespace spmis::credential {

// zlib stream of the data at the best compression level.
Result<Bytes> zlib_compress(const Bytes& data);
// Inflates a complete zlib stream: the stream must end (checksum verified), with no bytes after it,
// and its output must stay within max_output; kInvalidArgument otherwise.
Result<Bytes> zlib_inflate(const Bytes& data, std::size_t max_output = tuning::kCredentialMaxInflatedBytes);

}  // namespace spmis::credential

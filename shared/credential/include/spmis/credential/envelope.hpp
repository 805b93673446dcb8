#pragma once
// The text envelope around a signed COSE_Sign1: prefix + base45(zlib(bytes)).

#include <string>
#include <string_view>

#include "spmis/base/status.hpp"
#include "spmis/credential/bytes.hpp"

namespace spmis::credential {

inline constexpr std::string_view kSpp1Prefix = "SPP1:";

// base45(zlib(cose)) without a prefix.
Result<std::string> encode_envelope(const Bytes& cose);
// Strict base45 decode then bounded zlib inflation of a text without its prefix; kInvalidArgument
// naming the failing layer.
Result<Bytes> decode_envelope(std::string_view base45_text);

}  // namespace spmis::credential

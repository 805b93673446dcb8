#pragma once
// Base45 (RFC 9285): the text layer of a QR credential, made of QR alphanumeric characters only.

#include <string>
#include <string_view>

#include "spmis/base/status.hpp"
#include "spmis/credential/bytes.hpp"

namespace spmis::credential {

// Base45 text of the bytes (alphabet "0-9A-Z $%*+-./:").
std::string base45_encode(const Bytes& data);
// Strict decode: every character in the alphabet (space included, nothing stripped), length mod 3
// != 1, each triplet <= 0xFFFF and each trailing pair <= 0xFF; kInvalidArgument otherwise.
Result<Bytes> base45_decode(std::string_view text);

}  // namespace spmis::credential

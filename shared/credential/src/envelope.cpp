#include "spmis/credential/envelope.hpp"

#include "spmis/credential/base45.hpp"
#include "spmis/credential/zlib_codec.hpp"

namespace spmis::credential {

Result<std::string> encode_envelope(const Bytes& cose) {
    SPMIS_ASSIGN_OR_RETURN(Bytes compressed, zlib_compress(cose));
    return base45_encode(compressed);
}

Result<Bytes> decode_envelope(std::string_view base45_text) {
    SPMIS_ASSIGN_OR_RETURN(Bytes compressed, base45_decode(base45_text));
    return zlib_inflate(compressed);
}

}  // namespace spmis::credential

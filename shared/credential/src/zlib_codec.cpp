#include "spmis/credential/zlib_codec.hpp"

#include <zlib.h>

namespace spmis::credential {

Result<Bytes> zlib_compress(const Bytes& data) {
    uLongf size = compressBound(static_cast<uLong>(data.size()));
    Bytes out(size);
    int rc = compress2(out.data(), &size, data.data(), static_cast<uLong>(data.size()), Z_BEST_COMPRESSION);
    if (rc != Z_OK) return make_error(ErrorCode::kInternal, "zlib: compress failed");
    out.resize(size);
    return out;
}

Result<Bytes> zlib_inflate(const Bytes& data, std::size_t max_output) {
    z_stream zs{};
    if (inflateInit(&zs) != Z_OK) return make_error(ErrorCode::kInternal, "zlib: init failed");
    // One byte of headroom tells "exactly at the cap" apart from "more than the cap".
    Bytes out(max_output + 1);
    zs.next_in = const_cast<Bytef*>(data.data());  // zlib's API is not const-correct
    zs.avail_in = static_cast<uInt>(data.size());
    zs.next_out = out.data();
    zs.avail_out = static_cast<uInt>(out.size());
    int rc = inflate(&zs, Z_FINISH);
    std::size_t produced = zs.total_out;
    std::size_t left_in = zs.avail_in;
    inflateEnd(&zs);
    if (rc != Z_STREAM_END) {
        if (produced > max_output)
            return make_error(ErrorCode::kInvalidArgument, "zlib: output above the cap");
        return make_error(ErrorCode::kInvalidArgument, "zlib: broken or truncated stream");
    }
    if (produced > max_output) return make_error(ErrorCode::kInvalidArgument, "zlib: output above the cap");
    if (left_in != 0) return make_error(ErrorCode::kInvalidArgument, "zlib: bytes after the stream end");
    out.resize(produced);
    return out;
}

}  // namespace spmis::credential

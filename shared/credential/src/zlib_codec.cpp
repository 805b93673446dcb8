#include "spmis/credential/zlib_codec.hpp"

#include <zlib.h>

namespace spmis::credential {

Result<Bytes> zlib_compress(const Bytes& data) {
    // A 4 KiB window covers a whole credential; the small window and hash keep deflate's setup
    // (most of its cost at these sizes) to a few KiB instead of the default ~260 KiB.
    constexpr int kWindowBits = 12;
    constexpr int kMemLevel = 4;
    z_stream zs{};
    if (deflateInit2(&zs, Z_BEST_COMPRESSION, Z_DEFLATED, kWindowBits, kMemLevel, Z_DEFAULT_STRATEGY) !=
        Z_OK) {
        return make_error(ErrorCode::kInternal, "zlib: deflate init failed");
    }
    Bytes out(deflateBound(&zs, static_cast<uLong>(data.size())));
    zs.next_in = const_cast<Bytef*>(data.data());  // zlib's API is not const-correct
    zs.avail_in = static_cast<uInt>(data.size());
    zs.next_out = out.data();
    zs.avail_out = static_cast<uInt>(out.size());
    int rc = deflate(&zs, Z_FINISH);
    out.resize(zs.total_out);
    deflateEnd(&zs);
    if (rc != Z_STREAM_END) return make_error(ErrorCode::kInternal, "zlib: compress failed");
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

#include "spmis/credential/zlib_codec.hpp"

#include <gtest/gtest.h>

namespace spmis::credential {
namespace {

Bytes sample(std::size_t n) {
    Bytes b(n);
    for (std::size_t i = 0; i < n; ++i) b[i] = static_cast<std::uint8_t>((i * 31) ^ (i >> 3));
    return b;
}

TEST(ZlibTest, RoundTripsUpToTheCapAndRefusesOneByteMore) {
    Bytes at_cap = sample(tuning::kCredentialMaxInflatedBytes);
    Result<Bytes> back = zlib_inflate(zlib_compress(at_cap).value());
    ASSERT_TRUE(back.ok()) << back.status().to_string();
    EXPECT_EQ(*back, at_cap);
    EXPECT_FALSE(zlib_inflate(zlib_compress(sample(tuning::kCredentialMaxInflatedBytes + 1)).value()).ok());
    EXPECT_TRUE(zlib_inflate(zlib_compress({}).value()).ok());
}

TEST(ZlibTest, RequiresTheChecksumTheStreamEndAndNothingAfter) {
    Bytes z = zlib_compress(sample(300)).value();
    Bytes bad_checksum = z;
    bad_checksum.back() ^= 0x01;  // the Adler-32 trailer
    EXPECT_FALSE(zlib_inflate(bad_checksum).ok());
    Bytes truncated(z.begin(), z.end() - 4);  // no checksum: the stream never ends
    EXPECT_FALSE(zlib_inflate(truncated).ok());
    Bytes trailing = z;
    trailing.push_back(0x00);
    EXPECT_FALSE(zlib_inflate(trailing).ok());
    Bytes raw = sample(300);  // not zlib at all (the DCC Z2 case)
    EXPECT_FALSE(zlib_inflate(raw).ok());
    EXPECT_FALSE(zlib_inflate({}).ok());
}

}  // namespace
}  // namespace spmis::credential

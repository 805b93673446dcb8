// The one hex codec: every key, hash, signature and digest in the project goes through it.

#include "spmis/base/hex.hpp"

#include <gtest/gtest.h>

namespace spmis {
namespace {

TEST(HexTest, RoundTripsAnyBytesAsLowercase) {
    const std::vector<std::uint8_t> bytes{0x00, 0x0f, 0xa5, 0xff};
    EXPECT_EQ(to_hex(bytes), "000fa5ff");
    EXPECT_EQ(*from_hex("000fa5ff"), bytes);
    EXPECT_EQ(*from_hex("000FA5FF"), bytes);
    EXPECT_EQ(to_hex(std::vector<std::uint8_t>{}), "");
}

TEST(HexTest, RefusesOddLengthsBadDigitsAndUppercaseWhereCanonical) {
    EXPECT_EQ(from_hex("abc").status().code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(from_hex("zz").status().code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(from_hex("AB", HexCase::kLowerOnly).status().code(), ErrorCode::kInvalidArgument);
    auto short_key = from_hex_exact<4>("0011", "key");
    ASSERT_FALSE(short_key.ok());
    EXPECT_EQ(short_key.status().message(), "key must be 8 hex digits");
    auto upper = from_hex_exact<2>("ABCD", "hash", HexCase::kLowerOnly);
    ASSERT_FALSE(upper.ok());
    EXPECT_EQ(upper.status().message(), "hash must be 4 lowercase hex digits");
    EXPECT_EQ((*from_hex_exact<2>("abcd", "hash", HexCase::kLowerOnly))[1], 0xcd);
}

TEST(HexTest, Sha256OfTheEmptyStringIsTheKnownDigest) {
    EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace spmis

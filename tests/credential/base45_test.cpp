#include "spmis/credential/base45.hpp"

#include <gtest/gtest.h>

#include "vectors.hpp"

namespace spmis::credential {
namespace {

using testing::hex;
using testing::load_vector;

TEST(Base45Test, EncodesAndDecodesEveryValidVector) {
    nlohmann::json v = load_vector("base45/base45-vectors.json");
    ASSERT_EQ(v["valid"].size(), 11U);
    for (const auto& c : v["valid"]) {
        Bytes bytes = hex(c["bytes_hex"].get<std::string>());
        std::string text = c["base45"].get<std::string>();
        EXPECT_EQ(base45_encode(bytes), text) << text;
        Result<Bytes> decoded = base45_decode(text);
        ASSERT_TRUE(decoded.ok()) << text << ": " << decoded.status().to_string();
        EXPECT_EQ(*decoded, bytes) << text;
    }
}

TEST(Base45Test, RejectsEveryInvalidVector) {
    nlohmann::json v = load_vector("base45/base45-vectors.json");
    ASSERT_EQ(v["invalid"].size(), 8U);
    for (const auto& c : v["invalid"]) {
        std::string text = c["base45"].get<std::string>();
        Result<Bytes> decoded = base45_decode(text);
        EXPECT_FALSE(decoded.ok()) << "accepted: " << c["reason"].get<std::string>();
        if (!decoded.ok()) {
            EXPECT_EQ(decoded.status().code(), ErrorCode::kInvalidArgument);
        }
    }
}

TEST(Base45Test, TreatsSpaceAsAnAlphabetCharacter) {
    // "%69 VD92EX0" holds a space inside: it must decode, not be stripped.
    Result<Bytes> decoded = base45_decode("%69 VD92EX0");
    ASSERT_TRUE(decoded.ok());
    EXPECT_EQ(std::string(decoded->begin(), decoded->end()), "Hello!!");
    EXPECT_FALSE(base45_decode(" BB8").ok());  // 4 characters: length mod 3 == 1
}

TEST(Base45Test, RoundTripsEveryByteValue) {
    Bytes all;
    for (int i = 0; i < 256; ++i) all.push_back(static_cast<std::uint8_t>(255 - i));
    for (std::size_t n = 0; n <= all.size(); n += 37) {
        Bytes part(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(n));
        Result<Bytes> back = base45_decode(base45_encode(part));
        ASSERT_TRUE(back.ok());
        EXPECT_EQ(*back, part);
    }
}

}  // namespace
}  // namespace spmis::credential

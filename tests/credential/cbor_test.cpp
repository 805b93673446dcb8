#include "spmis/credential/cbor.hpp"

#include <gtest/gtest.h>

#include <limits>

#include "vectors.hpp"

namespace spmis::credential {
namespace {

using testing::hex;

std::string enc(const CborValue& v) { return to_hex(cbor_encode(v)); }

TEST(CborTest, EncodesIntegersInShortestForm) {
    EXPECT_EQ(enc(CborValue::integer(0)), "00");
    EXPECT_EQ(enc(CborValue::integer(23)), "17");
    EXPECT_EQ(enc(CborValue::integer(24)), "1818");
    EXPECT_EQ(enc(CborValue::integer(256)), "190100");
    EXPECT_EQ(enc(CborValue::integer(65536)), "1a00010000");
    EXPECT_EQ(enc(CborValue::integer(4294967296)), "1b0000000100000000");
    EXPECT_EQ(enc(CborValue::integer(-1)), "20");
    EXPECT_EQ(enc(CborValue::integer(-8)), "27");
    EXPECT_EQ(enc(CborValue::integer(-65537)), "3a00010000");
    EXPECT_EQ(enc(CborValue::integer(std::numeric_limits<std::int64_t>::min())), "3b7fffffffffffffff");
}

TEST(CborTest, SortsMapKeysByTheirEncodedBytes) {
    CborValue m = CborValue::map({{CborValue::integer(-65537), CborValue::integer(1)},
                                  {CborValue::integer(169), CborValue::integer(2)},
                                  {CborValue::text("a"), CborValue::integer(3)},
                                  {CborValue::integer(1), CborValue::integer(4)}});
    EXPECT_EQ(enc(m), "a4010418a9023a0001000001616103");
}

TEST(CborTest, RoundTripsNestedValuesAndTags) {
    CborValue v = CborValue::tag(
        61, CborValue::tag(18, CborValue::array({CborValue::byte_string({1, 2}), CborValue::map({}),
                                                 CborValue::text("h\xc3\xa9"), CborValue::boolean(true),
                                                 CborValue::null()})));
    Result<CborValue> back = cbor_decode(cbor_encode(v));
    ASSERT_TRUE(back.ok()) << back.status().to_string();
    EXPECT_EQ(*back, v);
    EXPECT_EQ(back->number, 61U);
    EXPECT_EQ(back->items[0].number, 18U);
}

TEST(CborTest, DecodesFloatsOfEverySize) {
    Result<CborValue> half = cbor_decode(hex("f93e00"));
    Result<CborValue> single = cbor_decode(hex("fa47c35000"));
    Result<CborValue> dbl = cbor_decode(hex("fb3ff199999999999a"));
    ASSERT_TRUE(half.ok() && single.ok() && dbl.ok());
    EXPECT_EQ(half->real, 1.5);
    EXPECT_EQ(single->real, 100000.0);
    EXPECT_EQ(dbl->real, 1.1);
}

TEST(CborTest, RejectsMalformedOrNonStrictInput) {
    const char* bad[] = {
        "",                   // nothing
        "1a0001",             // truncated argument
        "0000",               // trailing byte
        "9f01ff",             // indefinite array
        "5f4101ff",           // indefinite bstr
        "62c328",             // invalid UTF-8
        "63eda080",           // UTF-8 surrogate
        "a201010102",         // duplicate map key
        "1c",                 // reserved additional info
        "f818",               // simple value below 32 in two-byte form
        "ff",                 // stray break
        "5b00000000ffffffff"  // length beyond the input
    };
    for (const char* h : bad) EXPECT_FALSE(cbor_decode(hex(h)).ok()) << h;
}

TEST(CborTest, EnforcesDepthAndSizeLimits) {
    Bytes deep(20, 0x81);
    deep.push_back(0x01);
    CborLimits limits;
    limits.max_depth = 16;
    EXPECT_FALSE(cbor_decode(deep, limits).ok());
    limits.max_depth = 32;
    EXPECT_TRUE(cbor_decode(deep, limits).ok());
    limits.max_input = 4;
    EXPECT_FALSE(cbor_decode(deep, limits).ok());
}

TEST(CborTest, FindsMapEntriesByIntegerAndTextKey) {
    Result<CborValue> m = cbor_decode(hex("a2200161610a"));  // {-1: 1, "a": 10}
    ASSERT_TRUE(m.ok());
    ASSERT_NE(m->find(-1), nullptr);
    EXPECT_EQ(m->find(-1)->as_int(), 1);
    ASSERT_NE(m->find("a"), nullptr);
    EXPECT_EQ(m->find("a")->as_int(), 10);
    EXPECT_EQ(m->find(2), nullptr);
}

}  // namespace
}  // namespace spmis::credential

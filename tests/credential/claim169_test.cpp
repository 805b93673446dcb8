// MOSIP Claim 169 vectors: the same base45 -> zlib -> COSE_Sign1 -> CWT layering without a prefix.

#include <gtest/gtest.h>

#include "openssl_verify.hpp"
#include "spmis/credential/base45.hpp"
#include "spmis/credential/cose_sign1.hpp"
#include "spmis/credential/envelope.hpp"
#include "spmis/credential/zlib_codec.hpp"
#include "vectors.hpp"

namespace spmis::credential {
namespace {

using testing::hex;
using testing::load_vector;

struct Decoded {
    CoseSign1 msg;
    CborValue claims;
};

Result<Decoded> decode(const nlohmann::json& v) {
    SPMIS_ASSIGN_OR_RETURN(Bytes cose, decode_envelope(v["qr_data"].get<std::string>()));
    SPMIS_ASSIGN_OR_RETURN(CoseSign1 msg, parse_cose_sign1(cose));
    SPMIS_ASSIGN_OR_RETURN(CborValue claims, cbor_decode(msg.payload));
    return Decoded{std::move(msg), std::move(claims)};
}

void expect_meta(const Decoded& d, const nlohmann::json& v) {
    const auto& meta = v["expected_cwt_meta"];
    EXPECT_EQ(d.claims.find(1)->as_text(), meta["issuer"].get<std::string>());
    EXPECT_EQ(d.claims.find(4)->as_int(), meta["expiresAt"].get<std::int64_t>());
    EXPECT_EQ(d.claims.find(6)->as_int(), meta["issuedAt"].get<std::int64_t>());
    const CborValue* identity = d.claims.find(169);
    ASSERT_NE(identity, nullptr);
    EXPECT_EQ(identity->find(1)->as_text(), v["expected_claim169"]["id"].get<std::string>());
    EXPECT_EQ(identity->find(4)->as_text(), v["expected_claim169"]["fullName"].get<std::string>());
}

TEST(Claim169Test, VerifiesTheEd25519SignedVector) {
    nlohmann::json v = load_vector("claim169/valid/ed25519-signed.json");
    Result<Decoded> d = decode(v);
    ASSERT_TRUE(d.ok()) << d.status().to_string();
    expect_meta(*d, v);
    Bytes key = hex(v["signing_key"]["public_key_hex"]);
    EXPECT_TRUE(verify_cose_ed25519(d->msg, key));
    CoseSign1 tampered = d->msg;
    tampered.payload.back() ^= 1;
    EXPECT_FALSE(verify_cose_ed25519(tampered, key));
}

TEST(Claim169Test, VerifiesTheEs256SignedVector) {
    nlohmann::json v = load_vector("claim169/valid/ecdsa-p256-signed.json");
    Result<Decoded> d = decode(v);
    ASSERT_TRUE(d.ok()) << d.status().to_string();
    expect_meta(*d, v);
    Bytes tbs = sig_structure(d->msg.protected_bytes, d->msg.payload);
    EXPECT_TRUE(testing::es256_verify_point(hex(v["signing_key"]["public_key_hex"]), tbs, d->msg.signature));
}

TEST(Claim169Test, DecodesUnsignedVectorsButTheirEmptySignatureNeverVerifies) {
    for (const char* file : {"valid/minimal", "edge/expired", "edge/not-yet-valid"}) {
        nlohmann::json v = load_vector(std::string("claim169/") + file + ".json");
        Result<Decoded> d = decode(v);
        ASSERT_TRUE(d.ok()) << file << ": " << d.status().to_string();
        EXPECT_TRUE(d->msg.signature.empty()) << file;
        EXPECT_FALSE(verify_cose_ed25519(d->msg, SigningKey::generate().public_key())) << file;
        if (v.contains("expected_cwt_meta")) expect_meta(*d, v);
    }
}

TEST(Claim169Test, ReportsExpiryAndNotYetValidFromTheClaims) {
    const std::int64_t now = 1'700'000'000;
    Result<Decoded> expired = decode(load_vector("claim169/edge/expired.json"));
    ASSERT_TRUE(expired.ok());
    EXPECT_EQ(expired->claims.find(4)->as_int(), 1609459200);
    EXPECT_LT(*expired->claims.find(4)->as_int(), now);
    Result<Decoded> early = decode(load_vector("claim169/edge/not-yet-valid.json"));
    ASSERT_TRUE(early.ok());
    EXPECT_EQ(early->claims.find(5)->as_int(), 2524608000);
    EXPECT_GT(*early->claims.find(5)->as_int(), now);
}

TEST(Claim169Test, FailsInvalidVectorsAtTheExpectedLayer) {
    nlohmann::json b45 = load_vector("claim169/invalid/bad-base45.json");
    EXPECT_FALSE(base45_decode(b45["qr_data"].get<std::string>()).ok());

    nlohmann::json zlib = load_vector("claim169/invalid/bad-zlib.json");
    Result<Bytes> compressed = base45_decode(zlib["qr_data"].get<std::string>());
    ASSERT_TRUE(compressed.ok());
    EXPECT_FALSE(zlib_inflate(*compressed).ok());

    nlohmann::json not_cose = load_vector("claim169/invalid/not-cose.json");
    Result<Bytes> cose = decode_envelope(not_cose["qr_data"].get<std::string>());
    ASSERT_TRUE(cose.ok());
    EXPECT_TRUE(cbor_decode(*cose).ok());        // well-formed CBOR...
    EXPECT_FALSE(parse_cose_sign1(*cose).ok());  // ...but no COSE_Sign1

    Result<Decoded> missing = decode(load_vector("claim169/invalid/missing-169.json"));
    ASSERT_TRUE(missing.ok());
    EXPECT_EQ(missing->claims.find(169), nullptr);
}

}  // namespace
}  // namespace spmis::credential

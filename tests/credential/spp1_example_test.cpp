// spp1-proposal/spp1-example.json: the deterministic SPP1 example reproduced byte for byte and its six
// verification cases.

#include <gtest/gtest.h>

#include "spmis/credential/cose_sign1.hpp"
#include "spmis/credential/device_certificate.hpp"
#include "spmis/credential/envelope.hpp"
#include "spmis/credential/issue.hpp"
#include "spmis/credential/verify.hpp"
#include "vectors.hpp"
#include "voucher_fixture.hpp"

namespace spmis::credential {
namespace {

using testing::hex;

class Spp1ExampleTest : public ::testing::Test {
protected:
    void SetUp() override {
        v_ = testing::load_vector("spp1-proposal/spp1-example.json");
        const auto& k = v_["keys"];
        for (const auto& e : k["trust_list_for_tests"]) {
            TrustedDevice d;
            d.kid = hex(e["kid_hex"]);
            d.public_key = hex(e["public_hex"]);
            d.device_id = e["device_id"];
            d.valid_from = e["nbf"];
            d.valid_until = e["exp"];
            list_.devices.push_back(d);
        }
        list_.issued_at = 1'735'689'600;
        list_.expires_at = 1'798'761'600;
    }
    SigningKey key(const char* name) { return SigningKey::from_seed(hex(v_["keys"][name])).value(); }
    const nlohmann::json& example_case(const std::string& name) {
        for (const auto& c : v_["cases"]) {
            if (c["name"] == name) return c;
        }
        throw std::runtime_error("no case " + name);
    }

    nlohmann::json v_;
    TrustList list_;
};

TEST_F(Spp1ExampleTest, DerivesTheExampleKeysAndKids) {
    for (const char* who : {"root", "device", "other"}) {
        SigningKey k = key((std::string(who) + "_seed_hex").c_str());
        EXPECT_EQ(to_hex(k.public_key()), v_["keys"][std::string(who) + "_public_hex"].get<std::string>());
        EXPECT_EQ(to_hex(k.kid()), v_["keys"][std::string(who) + "_kid_hex"].get<std::string>());
    }
}

TEST_F(Spp1ExampleTest, ReproducesClaimsSigStructureAndCoseByteForByte) {
    Claims claims = testing::food_voucher(hex("9f3a61c2d4e5f607"));
    claims.issuer = "SPP-KE";
    claims.expires_at = 1767225599;
    claims.not_before = 1751328000;
    claims.issued_at = 1751371200;
    Bytes payload = cbor_encode(claims_to_cbor(claims));
    EXPECT_EQ(to_hex(payload), v_["claims_cbor_hex"].get<std::string>());
    Result<CborValue> decoded = cbor_decode(payload);
    ASSERT_TRUE(decoded.ok());
    EXPECT_EQ(claims_from_cbor(*decoded).value(), claims);

    const auto& kid_only = example_case("kid-only-valid");
    CoseSign1 msg = sign_ed25519_with_kid(key("device_seed_hex"), payload);
    EXPECT_EQ(to_hex(sig_structure(msg.protected_bytes, msg.payload)),
              kid_only["sig_structure_hex"].get<std::string>());
    Result<Bytes> cose = sign_credential(claims, key("device_seed_hex"));
    ASSERT_TRUE(cose.ok());
    EXPECT_EQ(to_hex(*cose), kid_only["cose_hex"].get<std::string>());

    // zlib output differs between builds, so compare after decompression.
    std::string text = kid_only["qr_text"];
    Result<Bytes> unwrapped = decode_envelope(text.substr(kSpp1Prefix.size()));
    ASSERT_TRUE(unwrapped.ok());
    EXPECT_EQ(*unwrapped, *cose);
}

TEST_F(Spp1ExampleTest, ReproducesTheDeviceCertificateAndTheCredentialCarryingIt) {
    DeviceCertificate cert{"KE-DEV-0042", 1735689600, 1798761600, key("device_seed_hex").public_key()};
    Bytes signed_cert = sign_device_certificate(cert, key("root_seed_hex"));
    EXPECT_EQ(to_hex(signed_cert), v_["device_certificate"]["cose_hex"].get<std::string>());
    Result<DeviceCertificate> back =
        verify_device_certificate(signed_cert, key("root_seed_hex").public_key());
    ASSERT_TRUE(back.ok()) << back.status().to_string();
    EXPECT_EQ(*back, cert);
    EXPECT_FALSE(verify_device_certificate(signed_cert, key("other_seed_hex").public_key()).ok());

    Claims claims = claims_from_cbor(cbor_decode(hex(v_["claims_cbor_hex"])).value()).value();
    IssueOptions options;
    options.device_certificate = signed_cert;
    Result<Bytes> cose = sign_credential(claims, key("device_seed_hex"), options);
    ASSERT_TRUE(cose.ok());
    EXPECT_EQ(to_hex(*cose), example_case("with-device-certificate-valid")["cose_hex"].get<std::string>());
}

TEST_F(Spp1ExampleTest, EveryCaseGivesItsExpectedCode) {
    struct Expectation {
        const char* name;
        VerifyCode code;
        bool use_trust_list;
    };
    const Expectation expectations[] = {
        {"kid-only-valid", VerifyCode::kOk, true},
        {"with-device-certificate-valid", VerifyCode::kOk, false},  // only the root key
        {"tampered-payload", VerifyCode::kBadSignature, true},
        {"unknown-signer", VerifyCode::kUnknownSigner, true},
        {"kid-only-expired", VerifyCode::kExpired, true},
        {"kid-only-not-yet-valid", VerifyCode::kNotYetValid, true},
    };
    int checked = 0;
    for (const Expectation& e : expectations) {
        const auto& c = example_case(e.name);
        VerifyContext ctx;
        ctx.now = from_unix_micros(c["validation_time"].get<std::int64_t>() * 1'000'000);
        // The example's not-yet-valid case is one second before nbf: it assumes no skew.
        ctx.skew_seconds = 0;
        ctx.trust_list = e.use_trust_list ? &list_ : nullptr;
        ctx.root_public_key = hex(v_["keys"]["root_public_hex"]);
        VerifyResult r = verify_credential(c["qr_text"].get<std::string>(), ctx);
        EXPECT_EQ(verify_code_name(r.code), verify_code_name(e.code)) << e.name << ": " << r.detail;
        // The cose_hex of each case is the exact inflated content of its QR text.
        EXPECT_EQ(to_hex(decode_envelope(c["qr_text"].get<std::string>().substr(5)).value()),
                  c["cose_hex"].get<std::string>())
            << e.name;
        ++checked;
    }
    EXPECT_EQ(checked, 6);
}

TEST_F(Spp1ExampleTest, SkewToleratesASecondBeforeNbf) {
    VerifyContext ctx;
    ctx.now = from_unix_micros(example_case("kid-only-not-yet-valid")["validation_time"].get<std::int64_t>() *
                               1'000'000);
    ctx.trust_list = &list_;
    VerifyResult r =
        verify_credential(example_case("kid-only-not-yet-valid")["qr_text"].get<std::string>(), ctx);
    EXPECT_EQ(r.code, VerifyCode::kOk) << r.detail;  // default skew: tuning::kCredentialClockSkewSeconds
}

}  // namespace
}  // namespace spmis::credential

// Every verification code of CREDENTIALS.md from credentials issued with keys generated here.

#include "spmis/credential/verify.hpp"

#include <gtest/gtest.h>

#include "spmis/credential/base45.hpp"
#include "spmis/credential/cose_sign1.hpp"
#include "spmis/credential/device_certificate.hpp"
#include "spmis/credential/envelope.hpp"
#include "spmis/credential/issue.hpp"
#include "voucher_fixture.hpp"

namespace spmis::credential {
namespace {

UtcTime at(std::int64_t seconds) { return from_unix_micros(seconds * 1'000'000); }

std::string base45_of(const Bytes& b) { return base45_encode(b); }

class FixedStatus final : public StatusListSource {
public:
    std::optional<int> status_of(const std::string& uri, std::uint64_t index) const override {
        if (uri != "https://spmis.example/status/1") return std::nullopt;
        return index == 7 ? 1 : 0;
    }
};

class VerifyTest : public ::testing::Test {
protected:
    void SetUp() override {
        TrustList unsigned_list;
        unsigned_list.issued_at = testing::kIssuedAt;
        unsigned_list.expires_at = testing::kIssuedAt + 60 * testing::kDay;
        unsigned_list.devices.push_back(testing::device_entry(device_, "DEV-1"));
        TrustedDevice revoked = testing::device_entry(revoked_device_, "DEV-REVOKED");
        revoked.revoked_at = testing::kIssuedAt;
        unsigned_list.devices.push_back(revoked);
        TrustedDevice food_only = testing::device_entry(food_only_, "DEV-FOOD");
        food_only.programs = std::vector<std::string>{"FOOD-2025"};
        unsigned_list.devices.push_back(food_only);
        // What another device holds after a sync: the list checked against the root key.
        list_ = verify_trust_list(sign_trust_list(unsigned_list, root_), root_.public_key()).value();
        ctx_.now = at(testing::kIssuedAt + testing::kDay);
        ctx_.trust_list = &list_;
        ctx_.ledger = &ledger_;
    }
    std::string issue(const Claims& c, const SigningKey& key) { return issue_credential(c, key).value(); }
    VerifyResult verify(const std::string& text) { return verify_credential(text, ctx_); }

    SigningKey root_ = SigningKey::generate();
    SigningKey device_ = SigningKey::generate();
    SigningKey revoked_device_ = SigningKey::generate();
    SigningKey food_only_ = SigningKey::generate();
    TrustList list_;
    InMemoryRedemptionLedger ledger_;
    VerifyContext ctx_;
};

TEST_F(VerifyTest, AcceptsAFreshVoucherAndShowsItsClaims) {
    Claims claims = testing::food_voucher();
    VerifyResult r = verify(issue(claims, device_));
    ASSERT_EQ(r.code, VerifyCode::kOk) << r.detail;
    EXPECT_EQ(*r.claims, claims);
    EXPECT_EQ(r.signer_device_id, "DEV-1");
    EXPECT_EQ(r.kid, device_.kid());
    EXPECT_FALSE(r.stale);
    EXPECT_EQ(verify(issue(claims, device_) + "\n").code, VerifyCode::kOk);        // one scanner newline
    EXPECT_EQ(verify(issue(claims, device_) + "\n\n").code, VerifyCode::kFormat);  // only one
}

TEST_F(VerifyTest, RefusesAWrongOrMissingPrefixAsUnsupported) {
    std::string text = issue(testing::food_voucher(), device_);
    EXPECT_EQ(verify("SPP2:" + text.substr(5)).code, VerifyCode::kUnsupported);
    EXPECT_EQ(verify("HC1:" + text.substr(5)).code, VerifyCode::kUnsupported);
    EXPECT_EQ(verify(text.substr(5)).code, VerifyCode::kUnsupported);
    EXPECT_EQ(verify("spp1:" + text.substr(5)).code, VerifyCode::kUnsupported);
}

TEST_F(VerifyTest, RefusesBrokenLayersAsFormat) {
    std::string text = issue(testing::food_voucher(), device_);
    std::string flipped = text;
    flipped[40] = flipped[40] == 'A' ? 'B' : 'A';  // a flipped character: zlib's checksum catches it
    EXPECT_EQ(verify(flipped).code, VerifyCode::kFormat);
    EXPECT_EQ(verify(text + "A").code, VerifyCode::kFormat);  // length mod 3 == 1 or bad tail
    EXPECT_EQ(verify("SPP1:" + std::string(2100, '0')).code, VerifyCode::kFormat);  // above the cap
    EXPECT_EQ(verify("SPP1:" + base45_of({0x78, 0x9c})).code, VerifyCode::kFormat);
    // Well-formed envelope around something that is not a COSE_Sign1.
    EXPECT_EQ(verify("SPP1:" + encode_envelope({0x83, 0x01, 0x02, 0x03}).value()).code, VerifyCode::kFormat);
}

TEST_F(VerifyTest, RefusesAFlippedSignedByteAsBadSignature) {
    Bytes cose = sign_credential(testing::food_voucher(), device_).value();
    CoseSign1 msg = parse_cose_sign1(cose).value();
    msg.payload[msg.payload.size() - 3] ^= 0x01;
    VerifyResult r = verify("SPP1:" + encode_envelope(encode_cose_sign1(msg)).value());
    EXPECT_EQ(r.code, VerifyCode::kBadSignature);
    EXPECT_FALSE(r.claims.has_value());  // claims are read only after the signature
    msg = parse_cose_sign1(cose).value();
    msg.signature[0] ^= 0x80;
    EXPECT_EQ(verify("SPP1:" + encode_envelope(encode_cose_sign1(msg)).value()).code,
              VerifyCode::kBadSignature);
}

TEST_F(VerifyTest, RefusesAnUnknownSigner) {
    SigningKey stranger = SigningKey::generate();
    EXPECT_EQ(verify(issue(testing::food_voucher(), stranger)).code, VerifyCode::kUnknownSigner);
    ctx_.trust_list = nullptr;
    EXPECT_EQ(verify(issue(testing::food_voucher(), device_)).code, VerifyCode::kUnknownSigner);
}

TEST_F(VerifyTest, ChecksExpiryAndNotBeforeWithSkew) {
    Claims c = testing::food_voucher();
    ctx_.now = at(c.expires_at + 1);
    EXPECT_EQ(verify(issue(c, device_)).code, VerifyCode::kExpired);
    ctx_.now = at(c.expires_at);
    EXPECT_EQ(verify(issue(c, device_)).code, VerifyCode::kOk);
    ctx_.now = at(c.not_before - ctx_.skew_seconds - 1);
    EXPECT_EQ(verify(issue(c, device_)).code, VerifyCode::kNotYetValid);
    ctx_.now = at(c.not_before - ctx_.skew_seconds);
    EXPECT_EQ(verify(issue(c, device_)).code, VerifyCode::kOk);
}

TEST_F(VerifyTest, RevokedDeviceFailsOnlyForCredentialsSignedAfterRevocation) {
    Claims after = testing::food_voucher();
    after.issued_at = testing::kIssuedAt + 60;
    VerifyResult r = verify(issue(after, revoked_device_));
    EXPECT_EQ(r.code, VerifyCode::kSignerRevoked) << r.detail;
    EXPECT_EQ(r.signer_device_id, "DEV-REVOKED");
    Claims before = testing::food_voucher();
    before.issued_at = testing::kIssuedAt - 60;
    EXPECT_EQ(verify(issue(before, revoked_device_)).code, VerifyCode::kOk);
}

TEST_F(VerifyTest, RefusesSignerOutsideItsValidityAndForeignPrograms) {
    Claims early = testing::food_voucher();
    early.issued_at = list_.devices[0].valid_from - 1;
    EXPECT_EQ(verify(issue(early, device_)).code, VerifyCode::kSignerNotValid);
    Claims cash = testing::food_voucher();
    cash.entitlement.program = "CASH-2025";
    EXPECT_EQ(verify(issue(cash, food_only_)).code, VerifyCode::kProgramNotAllowed);
    EXPECT_EQ(verify(issue(testing::food_voucher(), food_only_)).code, VerifyCode::kOk);
}

TEST_F(VerifyTest, ReportsAlreadyRedeemedThroughTheLedger) {
    std::string text = issue(testing::food_voucher(), device_);
    VerifyResult first = verify(text);
    ASSERT_EQ(first.code, VerifyCode::kOk);
    ledger_.record(first.claims->cti);  // the redemption on this device
    EXPECT_EQ(verify(text).code, VerifyCode::kAlreadyRedeemed);
    EXPECT_EQ(verify(issue(testing::food_voucher({9, 9, 9, 9, 9, 9, 9, 9}), device_)).code, VerifyCode::kOk);
}

TEST_F(VerifyTest, ReportsRevokedFromAFreshStatusList) {
    FixedStatus status;
    ctx_.status_lists = &status;
    Claims c = testing::food_voucher();
    c.status = StatusReference{7, "https://spmis.example/status/1"};
    EXPECT_EQ(verify(issue(c, device_)).code, VerifyCode::kRevoked);
    c.status->index = 8;
    EXPECT_EQ(verify(issue(c, device_)).code, VerifyCode::kOk);
    c.status->uri = "https://elsewhere.example/status";  // no fresh list held: not checked
    EXPECT_EQ(verify(issue(c, device_)).code, VerifyCode::kOk);
}

TEST_F(VerifyTest, MarksDecisionsStaleWhenTheTrustListExpired) {
    ctx_.now = at(list_.expires_at + 1);
    Claims c = testing::food_voucher();
    c.expires_at = list_.expires_at + testing::kDay;
    VerifyResult r = verify(issue(c, device_));
    EXPECT_EQ(r.code, VerifyCode::kOk) << r.detail;
    EXPECT_TRUE(r.stale);
}

TEST_F(VerifyTest, AcceptsAnEmbeddedDeviceCertificateWithOnlyTheRootKey) {
    SigningKey offline_device = SigningKey::generate();
    DeviceCertificate cert{"DEV-OFFLINE", testing::kIssuedAt - testing::kDay,
                           testing::kIssuedAt + testing::kDay, offline_device.public_key()};
    IssueOptions options;
    options.device_certificate = sign_device_certificate(cert, root_);
    std::string text = issue_credential(testing::food_voucher(), offline_device, options).value();
    ctx_.trust_list = nullptr;
    EXPECT_EQ(verify(text).code, VerifyCode::kUnknownSigner);  // no root key: certificate unusable
    ctx_.root_public_key = root_.public_key();
    VerifyResult r = verify(text);
    EXPECT_EQ(r.code, VerifyCode::kOk) << r.detail;
    EXPECT_EQ(r.signer_device_id, "DEV-OFFLINE");
    // A certificate from another root, or for another key, does not help.
    options.device_certificate = sign_device_certificate(cert, SigningKey::generate());
    EXPECT_EQ(verify(issue_credential(testing::food_voucher(), offline_device, options).value()).code,
              VerifyCode::kUnknownSigner);
}

TEST_F(VerifyTest, TakesTheKidFromTheProtectedHeaderOnly) {
    Bytes payload = cbor_encode(claims_to_cbor(testing::food_voucher()));
    auto text_of = [](const CoseSign1& msg) {
        return "SPP1:" + encode_envelope(encode_cose_sign1(msg)).value();
    };
    CborValue alg_only = CborValue::map({{CborValue::integer(1), CborValue::integer(-8)}});
    CborValue unprotected_kid =
        CborValue::map({{CborValue::integer(kCoseHeaderKid), CborValue::byte_string(device_.kid())}});
    // kid only unprotected (allowed by HC1, not by SPP1 step 5).
    EXPECT_EQ(verify(text_of(sign_cose_sign1(device_, alg_only, unprotected_kid, payload))).code,
              VerifyCode::kFormat);
    // Both present, the unprotected one wrong: the protected kid decides.
    CborValue wrong_kid = CborValue::map(
        {{CborValue::integer(kCoseHeaderKid), CborValue::byte_string({9, 9, 9, 9, 9, 9, 9, 9})}});
    EXPECT_EQ(verify(text_of(sign_ed25519_with_kid(device_, payload, wrong_kid))).code, VerifyCode::kOk);
    // Untagged is accepted too (step 4).
    EXPECT_EQ(
        verify("SPP1:" +
               encode_envelope(encode_cose_sign1(sign_ed25519_with_kid(device_, payload), false)).value())
            .code,
        VerifyCode::kOk);
}

TEST_F(VerifyTest, NamesEveryCode) {
    EXPECT_EQ(verify_code_name(VerifyCode::kAlreadyRedeemed), "ALREADY_REDEEMED");
    EXPECT_EQ(verify_code_name(VerifyCode::kUnknownSigner), "UNKNOWN_SIGNER");
    EXPECT_EQ(verify_code_name(VerifyCode::kSignerRevoked), "SIGNER_REVOKED");
}

}  // namespace
}  // namespace spmis::credential

// Bad input gives a clear code, never a crash (run under ASan/UBSan): every bit flip of a signed
// credential, truncations, and random texts behind the prefix.

#include <gtest/gtest.h>

#include "spmis/base/clock.hpp"
#include "spmis/credential/base45.hpp"
#include "spmis/credential/envelope.hpp"
#include "spmis/credential/issue.hpp"
#include "spmis/credential/verify.hpp"
#include "voucher_fixture.hpp"

namespace spmis::credential {
namespace {

class VerifyRobustnessTest : public ::testing::Test {
protected:
    void SetUp() override {
        list_.expires_at = testing::kIssuedAt + testing::kDay;
        list_.devices.push_back(testing::device_entry(key_, "DEV"));
        ctx_.now = from_unix_micros((testing::kIssuedAt + 60) * 1'000'000);
        ctx_.trust_list = &list_;
        cose_ = sign_credential(testing::food_voucher(), key_).value();
    }
    VerifyCode verify_cose(const Bytes& cose) {
        return verify_credential(std::string(kSpp1Prefix) + encode_envelope(cose).value(), ctx_).code;
    }

    SigningKey key_ = SigningKey::generate();
    TrustList list_;
    VerifyContext ctx_;
    Bytes cose_;
};

TEST_F(VerifyRobustnessTest, EverySignedBitFlipIsRefused) {
    ASSERT_EQ(verify_cose(cose_), VerifyCode::kOk);
    int refused = 0;
    for (std::size_t i = 0; i < cose_.size(); ++i) {
        for (int bit : {0, 3, 7}) {
            Bytes mutated = cose_;
            mutated[i] ^= static_cast<std::uint8_t>(1 << bit);
            VerifyCode code = verify_cose(mutated);
            // A flip can only turn into a format, signer or signature failure.
            EXPECT_TRUE(code == VerifyCode::kFormat || code == VerifyCode::kUnknownSigner ||
                        code == VerifyCode::kBadSignature)
                << "byte " << i << " bit " << bit << ": " << verify_code_name(code);
            ++refused;
        }
    }
    EXPECT_EQ(refused, static_cast<int>(cose_.size()) * 3);
}

TEST_F(VerifyRobustnessTest, TruncationsAndRandomTextsAreFormatErrors) {
    for (std::size_t n = 0; n < cose_.size(); n += 7) {
        Bytes cut(cose_.begin(), cose_.begin() + static_cast<std::ptrdiff_t>(n));
        EXPECT_EQ(verify_cose(cut), VerifyCode::kFormat) << n;
    }
    SeededRandom random(42);
    for (int i = 0; i < 300; ++i) {
        Bytes noise(static_cast<std::size_t>(random.uniform(0, 400)));
        random.fill(noise.data(), noise.size());
        std::string text = std::string(kSpp1Prefix) + base45_encode(noise);
        EXPECT_EQ(verify_credential(text, ctx_).code, VerifyCode::kFormat);
        Result<std::string> wrapped = encode_envelope(noise);  // valid zlib around garbage
        ASSERT_TRUE(wrapped.ok());
        EXPECT_EQ(verify_credential(std::string(kSpp1Prefix) + *wrapped, ctx_).code, VerifyCode::kFormat);
    }
}

TEST_F(VerifyRobustnessTest, RefusesAZipBombAboveTheInflateCap) {
    Bytes big(tuning::kCredentialMaxInflatedBytes + 1, 0x00);
    std::string text = std::string(kSpp1Prefix) + encode_envelope(big).value();
    ASSERT_LT(text.size(), tuning::kCredentialMaxTextChars);  // small on paper, big once inflated
    VerifyResult r = verify_credential(text, ctx_);
    EXPECT_EQ(r.code, VerifyCode::kFormat);
    EXPECT_NE(r.detail.find("cap"), std::string::npos) << r.detail;
}

}  // namespace
}  // namespace spmis::credential

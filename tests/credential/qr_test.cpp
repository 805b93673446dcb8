// The printed path end to end: issue -> QR (libqrencode) -> PNG -> the real `zbarimg --raw` and
// libzbar in process -> the identical text -> verified on another device holding the trust list.

#include "spmis/credential/qr.hpp"

#include <gtest/gtest.h>

#include "spmis/credential/issue.hpp"
#include "spmis/credential/verify.hpp"
#include "temp_files.hpp"
#include "voucher_fixture.hpp"

namespace spmis::credential {
namespace {

class QrTest : public ::testing::Test {
protected:
    void SetUp() override {
        TrustList list;
        list.issued_at = testing::kIssuedAt;
        list.expires_at = testing::kIssuedAt + 60 * testing::kDay;
        list.devices.push_back(testing::device_entry(issuer_, "DEV-ISSUER"));
        signed_list_ = sign_trust_list(list, root_);
    }

    SigningKey root_ = SigningKey::generate();
    SigningKey issuer_ = SigningKey::generate();
    Bytes signed_list_;
};

TEST_F(QrTest, TypicalVoucherFitsVersion15AtLevelQ) {
    std::string text = issue_credential(testing::food_voucher(), issuer_).value();
    Result<QrMatrix> qr = qr_encode(text);
    ASSERT_TRUE(qr.ok()) << qr.status().to_string();
    EXPECT_EQ(qr->level, QrLevel::kQ);
    EXPECT_LE(qr->version, 15) << text.size() << " characters";
    EXPECT_EQ(qr->width, 17 + 4 * qr->version);
    std::cout << "typical voucher: " << text.size() << " characters, QR version " << qr->version << " at Q\n";
}

TEST_F(QrTest, FallsBackToLevelMAboveVersion15AndRefusesNonAlphanumericText) {
    Result<QrMatrix> big = qr_encode(std::string(700, 'A'));  // beyond version 15 at Q (~ 520 chars)
    ASSERT_TRUE(big.ok());
    EXPECT_EQ(big->level, QrLevel::kM);
    Result<QrMatrix> small = qr_encode("SPP1:ABC");
    ASSERT_TRUE(small.ok());
    EXPECT_EQ(small->level, QrLevel::kQ);
    EXPECT_EQ(small->version, 1);
    EXPECT_FALSE(qr_encode("spp1:lower").ok());
    EXPECT_FALSE(qr_encode(std::string(5000, 'A')).ok());
}

TEST_F(QrTest, PngRoundTripsThroughZbarimgAndVerifiesOnAnotherDevice) {
    std::string text = issue_credential(testing::food_voucher(), issuer_).value();
    QrMatrix qr = qr_encode(text).value();
    testing::TempFile png("voucher.png");
    ASSERT_TRUE(qr_write_png(qr, png.path()).ok());

    std::optional<std::string> scanned = testing::run_zbarimg(png.path());
    ASSERT_TRUE(scanned.has_value()) << "zbarimg (Debian zbar-tools) found no symbol in " << png.path();
    EXPECT_EQ(*scanned, text);
    Result<std::string> in_process = qr_decode_png_file(png.path());
    ASSERT_TRUE(in_process.ok()) << in_process.status().to_string();
    EXPECT_EQ(*in_process, text);

    // The other device is offline: it only has the synced, root-signed list.
    TrustList synced = verify_trust_list(signed_list_, root_.public_key()).value();
    VerifyContext ctx;
    ctx.now = from_unix_micros((testing::kIssuedAt + 3600) * 1'000'000);
    ctx.trust_list = &synced;
    VerifyResult r = verify_credential(*scanned + "\n", ctx);
    EXPECT_EQ(r.code, VerifyCode::kOk) << r.detail;
    EXPECT_EQ(r.claims->full_name, "Amina Yusuf Abdi");
}

TEST_F(QrTest, PngHasTheQuietZoneAndModuleSizeForA58mmPrinter) {
    QrMatrix qr = qr_encode(issue_credential(testing::food_voucher(), issuer_).value()).value();
    Bytes png = qr_to_png(qr).value();
    ASSERT_GT(png.size(), 24U);
    auto be32 = [&](std::size_t at) {
        return (png[at] << 24) | (png[at + 1] << 16) | (png[at + 2] << 8) | png[at + 3];
    };
    int side = (qr.width + 2 * tuning::kQrQuietZoneModules) * tuning::kQrModulePixels;
    EXPECT_EQ(be32(16), side);  // IHDR width
    EXPECT_EQ(be32(20), side);  // IHDR height
    EXPECT_LE(side, 384);       // printable width of a 58 mm printer at 203 dpi
}

TEST_F(QrTest, RendersSvgAndTerminalBlocks) {
    QrMatrix qr = qr_encode("SPP1:ABC").value();
    std::string svg = qr_to_svg(qr);
    EXPECT_NE(svg.find("viewBox=\"0 0 29 29\""), std::string::npos);  // 21 modules + 2 * 4
    EXPECT_NE(svg.find("M4 4h1v1h-1z"), std::string::npos);           // finder pattern corner
    std::string term = qr_to_terminal(qr);
    int lines = 0;
    for (char c : term) lines += c == '\n' ? 1 : 0;
    EXPECT_EQ(lines, (21 + 4 + 1) / 2);
    EXPECT_NE(term.find("\u2588"), std::string::npos);
}

TEST_F(QrTest, ReportsImagesWithoutASymbol) {
    QrMatrix blank;
    blank.width = 21;
    blank.modules.assign(21 * 21, 0);
    testing::TempFile png("blank.png");
    ASSERT_TRUE(qr_write_png(blank, png.path()).ok());
    Result<std::string> r = qr_decode_png_file(png.path());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), ErrorCode::kNotFound);
    EXPECT_FALSE(testing::run_zbarimg(png.path()).has_value());
    EXPECT_EQ(qr_decode_png_file(png.path() + ".missing").status().code(), ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace spmis::credential

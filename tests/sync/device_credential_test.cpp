// SPP1 credentials between field devices: the server serves a root-signed trust list over pull, one
// device issues a credential for a pulled entitlement, another device that synced the list verifies
// it offline (real SQLite files, real keys, the real SyncServer through a loopback transport).

#include <cstdio>

#include "spmis/credential/qr.hpp"
#include "spmis/credential/trust_list.hpp"
#include "spmis/sync/device_credentials.hpp"
#include "spmis/sync/sync_client.hpp"
#include "spmis/sync/transport.hpp"
#include "spmis/sync/trust_list.hpp"
#include "sync_fixture.hpp"

namespace spmis::sync::testing {
namespace {

using credential::VerifyCode;

struct Home {
    SimDevice sim;
    std::unique_ptr<FakeDeviceClock> clock;
    std::unique_ptr<DeviceStore> store;
};

class DeviceCredentialTest : public SyncServerTest {
protected:
    Home home(const std::string& name) {
        Home h;
        h.sim = enroll({w_.sp1});
        h.clock = std::make_unique<FakeDeviceClock>(*parse_time("2026-11-21T10:00:00Z"), "boot");
        auto opened = DeviceStore::open((dir_ / (name + ".db")).string(), *h.clock);
        EXPECT_TRUE(opened.ok()) << opened.status().to_string();
        h.store = std::move(*opened);
        Enrollment e{h.sim.id, name, "loopback", to_hex(server_->identity().keys.public_key), "", {w_.sp1}};
        EXPECT_TRUE(h.store->set_enrollment(e).ok());
        EXPECT_TRUE(h.store->set_officer("officer-1").ok());
        return h;
    }
    void sync(Home& h) {
        LoopbackTransport loop(
            [this](const std::string& ep, const std::string& body) { return server_->handle(ep, body); });
        SyncClient client(*h.store, loop, h.sim.keys, *h.clock);
        auto report = client.round();
        ASSERT_TRUE(report.ok()) << report.status().to_string();
    }
    std::string issue(Home& h, UtcTime at) {
        auto text = issue_for_entitlement(*h.store, h.sim.keys, w_.entitlement, at, random_);
        EXPECT_TRUE(text.ok()) << text.status().to_string();
        return text.ok() ? text->text : std::string();
    }
    VerifyCode verify(Home& h, const std::string& text, UtcTime at) {
        auto result = verify_on_device(*h.store, text, at);
        EXPECT_TRUE(result.ok()) << result.status().to_string();
        return result.ok() ? result->code : VerifyCode::kFormat;
    }

    UtcTime issued_at_ = *parse_time("2026-11-21T11:00:00Z");
    UtcTime scanned_at_ = *parse_time("2026-11-22T09:00:00Z");
    SeededRandom random_{42};
};

std::string zbarimg(const std::string& png) {
    std::string out;
    FILE* p = ::popen(("zbarimg --raw -q '" + png + "'").c_str(), "r");
    if (p == nullptr) return out;
    char buf[512];
    while (std::fgets(buf, sizeof buf, p) != nullptr) out += buf;
    ::pclose(p);
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
    return out;
}

TEST_F(DeviceCredentialTest, IssuedPngScansBackAndVerifiesOnAnotherOfflineDevice) {
    Home issuer = home("issuer");
    Home checker = home("checker");
    sync(issuer);
    sync(checker);
    std::string text = issue(issuer, issued_at_);
    ASSERT_EQ(text.rfind("SPP1:", 0), 0U);

    auto matrix = credential::qr_encode(text);
    ASSERT_TRUE(matrix.ok()) << matrix.status().to_string();
    std::string png = (dir_ / "voucher.png").string();
    ASSERT_TRUE(credential::qr_write_png(*matrix, png).ok());
    std::string scanned = zbarimg(png);
    ASSERT_EQ(scanned, text) << "zbarimg must read back the identical text";

    // The checker is offline from here on: only its store is used.
    auto result = verify_on_device(*checker.store, scanned, scanned_at_);
    ASSERT_TRUE(result.ok()) << result.status().to_string();
    EXPECT_EQ(result->code, VerifyCode::kOk) << result->detail;
    ASSERT_TRUE(result->claims.has_value());
    EXPECT_EQ(result->claims->subject, w_.household.to_string());
    EXPECT_EQ(result->claims->full_name, "Household Achieng");
    EXPECT_EQ(result->claims->entitlement.program, w_.program.to_string());
    ASSERT_EQ(result->claims->entitlement.items.size(), 1U);
    EXPECT_EQ(result->claims->entitlement.items[0].quantity, 25);
    EXPECT_EQ(result->signer_device_id, issuer.sim.id.to_string());
}

TEST_F(DeviceCredentialTest, RefusesTamperedForeignExpiredAndUnknownCredentials) {
    Home issuer = home("issuer");
    Home checker = home("checker");
    sync(issuer);
    sync(checker);
    Home stranger = home("stranger");  // enrolled after the checker's last sync
    sync(stranger);
    std::string text = issue(issuer, issued_at_);

    std::string flipped = text;
    flipped[flipped.size() / 2] = flipped[flipped.size() / 2] == 'A' ? 'B' : 'A';
    VerifyCode code = verify(checker, flipped, scanned_at_);
    EXPECT_TRUE(code == VerifyCode::kBadSignature || code == VerifyCode::kFormat);
    EXPECT_EQ(verify(checker, "SPQ1:" + text.substr(5), scanned_at_), VerifyCode::kUnsupported);
    EXPECT_EQ(verify(checker, text, *parse_time("2026-12-01T00:00:01Z")), VerifyCode::kExpired);
    EXPECT_EQ(verify(checker, issue(stranger, issued_at_), scanned_at_), VerifyCode::kUnknownSigner);
    sync(checker);  // now the checker knows the stranger
    EXPECT_EQ(verify(checker, issue(stranger, issued_at_), scanned_at_), VerifyCode::kOk);
}

TEST_F(DeviceCredentialTest, RefusesCredentialSignedAfterTheSignerWasRevoked) {
    Home issuer = home("issuer");
    Home checker = home("checker");
    sync(issuer);
    sync(checker);
    std::string before = issue(issuer, issued_at_);
    auto held = checker.store->scope_digest();
    ASSERT_TRUE(held.ok());

    clock_.advance(std::chrono::hours(2));  // revoked at 12:00
    ASSERT_TRUE(server_->revoke_device(issuer.sim.id, "admin", "stolen").ok());
    sync(checker);
    std::string after = issue(issuer, *parse_time("2026-11-21T13:00:00Z"));
    EXPECT_EQ(verify(checker, after, scanned_at_), VerifyCode::kSignerRevoked);
    EXPECT_EQ(verify(checker, before, scanned_at_), VerifyCode::kOk) << "earlier credentials stay valid";
    auto now_held = checker.store->scope_digest();
    ASSERT_TRUE(now_held.ok());
    EXPECT_NE(now_held->checksum, held->checksum) << "the trust list record must change with a device";
}

TEST_F(DeviceCredentialTest, RefusesAVoucherRedeemedTwiceOnOneDevice) {
    Home issuer = home("issuer");
    Home checker = home("checker");
    sync(issuer);
    sync(checker);
    std::string text = issue(issuer, issued_at_);
    auto result = verify_on_device(*checker.store, text, scanned_at_);
    ASSERT_TRUE(result.ok() && result->ok());
    RedeemInput in;
    in.entitlement_id = w_.entitlement;
    in.quantity_milli = 1000;
    in.credential_cti = credential::to_hex(result->claims->cti);
    ASSERT_TRUE(checker.store->redeem(in).ok());
    EXPECT_EQ(verify(checker, text, scanned_at_), VerifyCode::kAlreadyRedeemed);
    auto again = checker.store->redeem(in);
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.status().code(), ErrorCode::kRefused);
}

TEST_F(DeviceCredentialTest, RejectsATrustListNotSignedByTheEnrollmentServerKey) {
    Home checker = home("checker");
    sync(checker);
    ASSERT_TRUE(device_trust_list(*checker.store).ok());
    auto forged =
        signed_trust_list_record({TrustListEntry{new_uuid_v7(), to_hex(generate_key_pair().public_key),
                                                 *parse_time("2026-11-01T00:00:00Z"), std::nullopt}},
                                 generate_key_pair(), *parse_time("2026-11-21T10:00:00Z"));
    ASSERT_TRUE(forged.ok()) << forged.status().to_string();
    PullResponse page;
    page.records.push_back({1'000'000, "trust_list", trust_list_record_id(), *forged});
    page.next_cursor = 1'000'000;
    ASSERT_TRUE(checker.store->apply_pull_page(page).ok());
    auto list = device_trust_list(*checker.store);
    ASSERT_FALSE(list.ok());
    EXPECT_EQ(list.status().code(), ErrorCode::kCorrupt);
}

TEST_F(DeviceCredentialTest, VerifyNeedsAPulledTrustList) {
    Home checker = home("checker");
    auto result = verify_on_device(*checker.store, "SPP1:ABC", scanned_at_);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.status().code(), ErrorCode::kFailedPrecondition);
}

}  // namespace
}  // namespace spmis::sync::testing

// SyncServer::verify_credential: the device verifier fed from the server's store (trust list from
// the enrolled devices, ledger from the redemptions).

#include <gtest/gtest.h>

#include "spmis/credential/ed25519.hpp"
#include "spmis/credential/issue.hpp"
#include "sync_fixture.hpp"

namespace spmis::sync::testing {
namespace {

using credential::VerifyCode;

std::int64_t seconds(UtcTime t) { return to_unix_micros(t) / 1'000'000; }

// A credential for the world's entitlement signed with `keys`, issued at `now`.
std::string issue(const KeyPair& keys, const World& w, UtcTime now, std::uint8_t cti) {
    credential::Claims c;
    c.issuer = "SPMIS";
    c.subject = w.household.to_string();
    c.issued_at = seconds(now);
    c.not_before = c.issued_at - 3600;
    c.expires_at = c.issued_at + 86'400;
    c.cti = credential::Bytes(credential::kCtiSize, cti);
    c.entitlement.program = w.program.to_string();
    c.entitlement.cycle = w.cycle.to_string();
    c.entitlement.items = {{"rice", 25, "kg"}};
    auto text = credential::issue_credential(c, keys.signer);
    EXPECT_TRUE(text.ok()) << text.status().to_string();
    return text.ok() ? *text : std::string();
}

VerifyCode verdict(SyncServer& server, const std::string& text) {
    auto r = server.verify_credential(text);
    EXPECT_TRUE(r.ok()) << r.status().to_string();
    return r.ok() ? r->code : VerifyCode::kFormat;
}

TEST_F(SyncServerTest, ServerVerifiesAgainstEnrolledKeysAndItsRedemptions) {
    SimDevice a = enroll({w_.sp1});
    std::string text = issue(a.keys, w_, clock_.now(), 0x11);
    auto ok = server_->verify_credential(text);
    ASSERT_TRUE(ok.ok()) << ok.status().to_string();
    EXPECT_EQ(ok->code, VerifyCode::kOk) << ok->detail;
    EXPECT_EQ(ok->signer_device_id, a.id.to_string());
    EXPECT_EQ(verdict(*server_, issue(generate_key_pair(), w_, clock_.now(), 0x12)),
              VerifyCode::kUnknownSigner);
    EXPECT_EQ(verdict(*server_, "SPP9:" + text.substr(5)), VerifyCode::kUnsupported);

    // Redeemed with this credential: ALREADY_REDEEMED; voided: usable again.
    Operation used = a.next("redemption.record", "redemption", new_uuid_v7(),
                            {{"entitlement_id", w_.entitlement.to_string()},
                             {"quantity_milli", 1'000},
                             {"unit", "kg"},
                             {"credential_cti", "1111111111111111"}},
                            nlohmann::json::object(), w_.sp1);
    ASSERT_TRUE(push(a, {used}).ok());
    EXPECT_EQ(verdict(*server_, text), VerifyCode::kAlreadyRedeemed);
    Operation voided = a.next("redemption.void", "redemption", used.record_id,
                              {{"redemption_id", used.record_id.to_string()}, {"reason", "wrong person"}},
                              nlohmann::json::object(), w_.sp1);
    ASSERT_TRUE(push(a, {voided}).ok());
    EXPECT_EQ(verdict(*server_, text), VerifyCode::kOk);
}

TEST_F(SyncServerTest, ServerRefusesCredentialsSignedAfterTheDeviceWasRevoked) {
    SimDevice a = enroll({w_.sp1});
    std::string before = issue(a.keys, w_, clock_.now(), 0x21);
    clock_.advance(std::chrono::minutes(5));
    ASSERT_TRUE(server_->revoke_device(a.id, "admin", "lost tablet").ok());
    clock_.advance(std::chrono::minutes(5));
    std::string after = issue(a.keys, w_, clock_.now(), 0x22);
    EXPECT_EQ(verdict(*server_, before), VerifyCode::kOk);
    EXPECT_EQ(verdict(*server_, after), VerifyCode::kSignerRevoked);
}

}  // namespace
}  // namespace spmis::sync::testing

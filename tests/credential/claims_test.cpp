#include "spmis/credential/claims.hpp"

#include <gtest/gtest.h>

#include "spmis/credential/json.hpp"
#include "vectors.hpp"
#include "voucher_fixture.hpp"

namespace spmis::credential {
namespace {

Result<Claims> round_trip(const Claims& c) {
    return claims_from_cbor(cbor_decode(cbor_encode(claims_to_cbor(c))).value());
}

TEST(ClaimsTest, RoundTripsInKindCashServiceAndStatus) {
    Claims in_kind = testing::food_voucher();
    EXPECT_EQ(round_trip(in_kind).value(), in_kind);

    Claims cash = testing::food_voucher();
    cash.entitlement.kind = EntitlementKind::kCash;
    cash.entitlement.items.clear();
    cash.entitlement.cash = CashAmount{"KES", 250000};
    cash.full_name.reset();
    cash.entitlement.service_point.reset();
    cash.status = StatusReference{1234, "https://spmis.example/status/1"};
    EXPECT_EQ(round_trip(cash).value(), cash);

    Claims service = testing::food_voucher();
    service.entitlement.kind = EntitlementKind::kService;
    service.entitlement.items = {{"HEALTH-CHECK", 1, "visit"}};
    EXPECT_EQ(round_trip(service).value(), service);
}

TEST(ClaimsTest, RejectsMissingOrMistypedClaims) {
    CborValue good = claims_to_cbor(testing::food_voucher());
    auto without = [&](std::int64_t key) {
        CborValue m = good;
        for (std::size_t i = 0; i < m.items.size(); i += 2) {
            if (m.items[i].as_int() == key) {
                m.items.erase(m.items.begin() + static_cast<std::ptrdiff_t>(i),
                              m.items.begin() + static_cast<std::ptrdiff_t>(i) + 2);
                break;
            }
        }
        return m;
    };
    for (std::int64_t key :
         {kClaimIss, kClaimSub, kClaimExp, kClaimNbf, kClaimIat, kClaimCti, kClaimEntitlement}) {
        EXPECT_FALSE(claims_from_cbor(without(key)).ok()) << key;
    }
    EXPECT_TRUE(claims_from_cbor(without(kClaimIdentity)).ok());

    Claims short_cti = testing::food_voucher({1, 2, 3});
    EXPECT_FALSE(round_trip(short_cti).ok());
    Claims bad_cash = testing::food_voucher();
    bad_cash.entitlement.kind = EntitlementKind::kCash;  // cash kind with item lines
    EXPECT_FALSE(round_trip(bad_cash).ok());
    EXPECT_FALSE(claims_from_cbor(CborValue::array({})).ok());
}

TEST(ClaimsTest, JsonViewShowsTheEntitlementAndTheVerdict) {
    Claims c = testing::food_voucher();
    nlohmann::json j = claims_to_json(c);
    EXPECT_EQ(j["full_name"], "Amina Yusuf Abdi");
    EXPECT_EQ(j["cti"], "0102030405060708");
    EXPECT_EQ(j["entitlement"]["kind"], "in_kind");
    ASSERT_EQ(j["entitlement"]["items"].size(), 3U);
    EXPECT_EQ(j["entitlement"]["items"][0]["quantity"], 25);
    VerifyResult r;
    r.code = VerifyCode::kAlreadyRedeemed;
    r.claims = c;
    nlohmann::json v = verify_result_to_json(r);
    EXPECT_EQ(v["code"], "ALREADY_REDEEMED");
    EXPECT_EQ(v["ok"], false);
    EXPECT_EQ(v["claims"]["subject"], "HH-0012345678");
}

}  // namespace
}  // namespace spmis::credential

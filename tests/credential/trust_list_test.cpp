#include "spmis/credential/trust_list.hpp"

#include <gtest/gtest.h>

#include "spmis/credential/cose_sign1.hpp"
#include "voucher_fixture.hpp"

namespace spmis::credential {
namespace {

TrustList sample_list(const SigningKey& a, const SigningKey& b) {
    TrustList list;
    list.issued_at = testing::kIssuedAt;
    list.expires_at = testing::kIssuedAt + 7 * testing::kDay;
    list.devices.push_back(testing::device_entry(a, "DEV-A"));
    TrustedDevice revoked = testing::device_entry(b, "DEV-B");
    revoked.revoked_at = testing::kIssuedAt;
    revoked.programs = std::vector<std::string>{"FOOD-2025", "CASH-2025"};
    list.devices.push_back(revoked);
    return list;
}

TEST(TrustListTest, RoundTripsThroughTheRootSignature) {
    SigningKey root = SigningKey::generate();
    SigningKey a = SigningKey::generate();
    SigningKey b = SigningKey::generate();
    TrustList list = sample_list(a, b);
    Bytes signed_list = sign_trust_list(list, root);
    Result<TrustList> back = verify_trust_list(signed_list, root.public_key());
    ASSERT_TRUE(back.ok()) << back.status().to_string();
    EXPECT_EQ(*back, list);
    ASSERT_EQ(back->find(b.kid()).size(), 1U);
    EXPECT_EQ(back->find(b.kid())[0]->device_id, "DEV-B");
    EXPECT_TRUE(back->find(root.kid()).empty());
}

TEST(TrustListTest, RefusesAnotherRootOrATamperedList) {
    SigningKey root = SigningKey::generate();
    SigningKey a = SigningKey::generate();
    Bytes signed_list = sign_trust_list(sample_list(a, a), root);
    Result<TrustList> foreign = verify_trust_list(signed_list, SigningKey::generate().public_key());
    ASSERT_FALSE(foreign.ok());
    EXPECT_EQ(foreign.status().code(), ErrorCode::kCorrupt);
    CoseSign1 msg = parse_cose_sign1(signed_list).value();
    msg.payload[msg.payload.size() / 2] ^= 0x01;
    Result<TrustList> tampered = verify_trust_list(encode_cose_sign1(msg), root.public_key());
    ASSERT_FALSE(tampered.ok());
    EXPECT_EQ(tampered.status().code(), ErrorCode::kCorrupt);
    EXPECT_FALSE(verify_trust_list({0x01, 0x02}, root.public_key()).ok());
}

TEST(TrustListTest, ReturnsEveryEntrySharingAKid) {
    SigningKey a = SigningKey::generate();
    TrustList list;
    list.devices.push_back(testing::device_entry(a, "OLD"));
    list.devices.push_back(testing::device_entry(a, "NEW"));
    std::vector<const TrustedDevice*> found = list.find(a.kid());
    ASSERT_EQ(found.size(), 2U);
    EXPECT_EQ(found[0]->device_id, "OLD");
    EXPECT_EQ(found[1]->device_id, "NEW");
}

TEST(TrustListTest, JudgesValidityRevocationAndPrograms) {
    SigningKey a = SigningKey::generate();
    TrustedDevice d = testing::device_entry(a, "DEV");
    EXPECT_TRUE(d.valid_at(testing::kIssuedAt));
    EXPECT_FALSE(d.valid_at(d.valid_until + 1));
    EXPECT_FALSE(d.valid_at(d.valid_from - 1));
    d.revoked_at = testing::kIssuedAt;
    EXPECT_TRUE(d.valid_at(testing::kIssuedAt - 1));
    EXPECT_FALSE(d.valid_at(testing::kIssuedAt));
    EXPECT_TRUE(d.allows_program("ANY"));
    d.programs = std::vector<std::string>{"FOOD-2025"};
    EXPECT_TRUE(d.allows_program("FOOD-2025"));
    EXPECT_FALSE(d.allows_program("CASH-2025"));
}

}  // namespace
}  // namespace spmis::credential

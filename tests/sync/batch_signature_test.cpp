#include "spmis/sync/batch_signature.hpp"

#include <gtest/gtest.h>

#include "op_fixture.hpp"

namespace spmis::sync {
namespace {

TEST(BatchSignatureTest, VerifiesWithTheDeviceKeyOnly) {
    KeyPair device = generate_key_pair();
    KeyPair other = generate_key_pair();
    auto ops = testing::chain_of(new_uuid_v7(), 3);
    Signature sig = sign_batch(device, ops.back());
    EXPECT_TRUE(verify_batch(device.public_key, ops.back(), sig));
    EXPECT_FALSE(verify_batch(other.public_key, ops.back(), sig));
}

TEST(BatchSignatureTest, CoversSequenceHashAndDevice) {
    KeyPair device = generate_key_pair();
    auto ops = testing::chain_of(new_uuid_v7(), 3);
    Signature sig = sign_batch(device, ops.back());
    EXPECT_FALSE(verify_batch(device.public_key, ops[1], sig));
    Operation replayed = ops.back();
    replayed.device_id = new_uuid_v7();  // device A's operation presented as device B's
    EXPECT_FALSE(verify_batch(device.public_key, replayed, sig));
    Signature flipped = sig;
    flipped[10] ^= 0x01;
    EXPECT_FALSE(verify_batch(device.public_key, ops.back(), flipped));
}

TEST(BatchSignatureTest, HexRoundTripAndStrictParse) {
    KeyPair device = generate_key_pair();
    auto key = public_key_from_hex(to_hex(device.public_key));
    ASSERT_TRUE(key.ok());
    EXPECT_EQ(*key, device.public_key);
    EXPECT_FALSE(public_key_from_hex("abcd").ok());
    EXPECT_FALSE(signature_from_hex(std::string(128, 'g')).ok());
}

TEST(BatchSignatureTest, SeededKeysAreDeterministic) {
    std::array<std::uint8_t, 32> seed{};
    seed[0] = 7;
    EXPECT_EQ(key_pair_from_seed(seed).public_key, key_pair_from_seed(seed).public_key);
}

}  // namespace
}  // namespace spmis::sync

#include "spmis/sync/request_signature.hpp"

namespace spmis::sync {
namespace {

TEST(RequestSignatureTest, BindsKeyEndpointAndEveryMember) {
    KeyPair device = generate_key_pair();
    nlohmann::json body = {{"device_id", "x"}, {"cursor", 5}};
    sign_request(device, "pull", body);
    EXPECT_TRUE(verify_request(device.public_key, "pull", body));
    EXPECT_FALSE(verify_request(device.public_key, "hello", body));
    EXPECT_FALSE(verify_request(generate_key_pair().public_key, "pull", body));
    nlohmann::json changed = body;
    changed["cursor"] = 0;
    EXPECT_FALSE(verify_request(device.public_key, "pull", changed));
    changed = body;
    changed.erase("request_sig");
    EXPECT_FALSE(verify_request(device.public_key, "pull", changed));
}

}  // namespace
}  // namespace spmis::sync

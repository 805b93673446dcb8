#include "spmis/sync/operation.hpp"

#include <gtest/gtest.h>

#include "op_fixture.hpp"

namespace spmis::sync {
namespace {

using nlohmann::json;

TEST(OperationTest, WireFormRoundTripsExactly) {
    auto ops = testing::chain_of(new_uuid_v7(), 1);
    auto parsed = operation_from_json(json::parse(to_json(ops[0]).dump()));
    ASSERT_TRUE(parsed.ok()) << parsed.status().to_string();
    EXPECT_EQ(*parsed, ops[0]);
    EXPECT_TRUE(verify_hash(*parsed));
}

TEST(OperationTest, CanonicalBytesSortKeysAndOmitTheHash) {
    auto op = testing::chain_of(new_uuid_v7(), 1)[0];
    std::string canon = canonical_bytes(op);
    EXPECT_EQ(canon.find("\"hash\""), std::string::npos);
    EXPECT_LT(canon.find("\"base\""), canon.find("\"device_id\""));
    EXPECT_EQ(canon.find(' '), std::string::npos);
}

TEST(OperationTest, AnyChangedFieldChangesTheHash) {
    auto op = testing::chain_of(new_uuid_v7(), 1)[0];
    Operation changed = op;
    changed.payload["quantity"] = 26;
    EXPECT_FALSE(verify_hash(changed));
    changed = op;
    changed.time_claim.monotonic_ms += 1;
    EXPECT_FALSE(verify_hash(changed));
    changed = op;
    changed.prev_hash[0] ^= 1;
    EXPECT_FALSE(verify_hash(changed));
}

TEST(OperationTest, RejectsMalformedWireForms) {
    json good = to_json(testing::chain_of(new_uuid_v7(), 1)[0]);
    auto refused = [](json j) { return !operation_from_json(j).ok(); };
    json j = good;
    j.erase("officer_id");
    EXPECT_TRUE(refused(j));
    j = good;
    j["device_seq"] = "1";
    EXPECT_TRUE(refused(j));
    j = good;
    j["device_seq"] = 0;
    EXPECT_TRUE(refused(j));
    j = good;
    j["payload"]["quantity"] = 2.5;
    EXPECT_TRUE(refused(j));
    j = good;
    j["record_id"] = "not-a-uuid";
    EXPECT_TRUE(refused(j));
    j = good;
    j["hash"] = "ZZ";
    EXPECT_TRUE(refused(j));
    j = good;
    j["surprise"] = true;
    EXPECT_TRUE(refused(j));
    EXPECT_TRUE(refused(json::array()));
    auto status = operation_from_json(json{{"device_id", 5}}).status();
    EXPECT_NE(status.message().find("device_id"), std::string::npos);
}

}  // namespace
}  // namespace spmis::sync

// SyncServer::import_bundle: a store-and-forward bundle of any length, by the push rules.

#include <gtest/gtest.h>

#include "sync_fixture.hpp"

namespace spmis::sync::testing {
namespace {

using nlohmann::json;

// Small slices keep the test fast; the default is a whole push (tuning::kPushMaxOperations).
constexpr std::size_t kSlice = 4;

std::vector<Operation> redemptions(SimDevice& d, const World& w, std::size_t n) {
    std::vector<Operation> ops;
    for (std::size_t i = 0; i < n; ++i) ops.push_back(d.redeem(w.entitlement, w.sp1, 1));
    return ops;
}

TEST_F(SyncServerTest, BundleLongerThanOnePushIsAppliedOnceInSlices) {
    SimDevice a = enroll({w_.sp1});
    const std::size_t n = 2 * kSlice + 1;
    json bundle = json::parse(a.push_body(redemptions(a, w_, n)));
    auto first = server_->import_bundle(bundle, kSlice);
    ASSERT_TRUE(first.ok()) << first.status().to_string();
    EXPECT_EQ(first->acked_seq, n);
    ASSERT_EQ(first->results.size(), n);
    EXPECT_EQ(first->results.back().disposition, Disposition::kAccepted);
    auto again = server_->import_bundle(bundle, kSlice);
    ASSERT_TRUE(again.ok()) << again.status().to_string();
    ASSERT_EQ(again->results.size(), n);
    for (const auto& r : again->results) EXPECT_EQ(r.disposition, Disposition::kDuplicate);
    EXPECT_EQ(*store_->operation_log().count_operations(), static_cast<std::int64_t>(n));
    EXPECT_EQ(redeemed(w_.entitlement), static_cast<std::int64_t>(n));
}

TEST_F(SyncServerTest, BundleWithABrokenChainIsRefusedBeforeAnySliceIsApplied) {
    SimDevice a = enroll({w_.sp1});
    json bundle = json::parse(a.push_body(redemptions(a, w_, 2 * kSlice)));
    // An operation in the second slice altered after signing; the first slice alone would pass.
    bundle["ops"][kSlice + 1]["payload"]["quantity_milli"] = 9'000;
    auto r = server_->import_bundle(bundle, kSlice);
    EXPECT_EQ(r.status().code(), ErrorCode::kCorrupt) << r.status().to_string();
    EXPECT_EQ(*store_->operation_log().count_operations(), 0);
    EXPECT_EQ(open_cases("tampering"), 1);  // staff see it, once
    EXPECT_FALSE(server_->import_bundle(bundle, kSlice).ok());
    EXPECT_EQ(open_cases("tampering"), 1);
}

TEST_F(SyncServerTest, BundleOfARevokedOrUnknownDeviceIsRefused) {
    SimDevice a = enroll({w_.sp1});
    json bundle = json::parse(a.push_body(redemptions(a, w_, 2)));
    SimDevice stranger;
    stranger.id = new_uuid_v7();
    json foreign = json::parse(stranger.push_body(redemptions(stranger, w_, 1)));
    EXPECT_EQ(server_->import_bundle(foreign).status().code(), ErrorCode::kUnauthenticated);
    json forged = bundle;
    forged["signature"] = to_hex(sign_batch(stranger.keys, *operation_from_json(bundle["ops"][1])));
    EXPECT_EQ(server_->import_bundle(forged).status().code(), ErrorCode::kUnauthenticated);
    ASSERT_TRUE(server_->revoke_device(a.id, "admin", "lost").ok());
    EXPECT_EQ(server_->import_bundle(bundle).status().code(), ErrorCode::kUnauthenticated);
    EXPECT_EQ(*store_->operation_log().count_operations(), 0);
}

}  // namespace
}  // namespace spmis::sync::testing

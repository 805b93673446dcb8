// The push split in two as the HTTP workers run it: prepare_push (no store, in parallel) and
// SyncServer::apply_push (under the store lock), answering as the one-step push does.

#include <gtest/gtest.h>

#include <mutex>
#include <thread>

#include "spmis/sync/protocol.hpp"
#include "spmis/sync/push_prepare.hpp"
#include "sync_fixture.hpp"

namespace spmis::sync::testing {
namespace {

using nlohmann::json;

constexpr int kBatches = 4;
constexpr int kOpsPerBatch = 25;

// The push bodies of one device: redemptions of 1 g (far within the entitlement, so their answers
// do not depend on which device comes first) and, in each batch, one outside the device's scope.
std::vector<std::string> device_bodies(SimDevice& d, const World& w) {
    std::vector<std::string> bodies;
    for (int b = 0; b < kBatches; ++b) {
        std::vector<Operation> ops;
        for (int i = 0; i + 1 < kOpsPerBatch; ++i) ops.push_back(d.redeem(w.entitlement, w.sp1, 1));
        ops.push_back(d.redeem(w.sp2_entitlement, w.sp2, 1));
        bodies.push_back(d.push_body(ops));
    }
    return bodies;
}

// What the route does: prepare without the lock, apply under it, encode the answer without it.
std::string route_push(SyncServer& server, std::mutex& lock, const std::string& body) {
    auto prepared = prepare_push(std::string_view(body));
    if (!prepared.ok()) return "error: " + prepared.status().to_string();
    Result<PushResponse> r = [&] {
        const std::lock_guard guard(lock);
        return server.apply_push(*prepared);
    }();
    return r.ok() ? to_json(*r).dump() : "error: " + r.status().to_string();
}

TEST_F(SyncServerTest, PrepareRefusesATamperedBodyWithoutTouchingTheStore) {
    SimDevice a = enroll({w_.sp1});
    std::vector<Operation> ops = {a.redeem(w_.entitlement, w_.sp1, 5'000),
                                  a.redeem(w_.entitlement, w_.sp1, 1'000)};
    json body = json::parse(a.push_body(ops));
    body["ops"][1]["payload"]["quantity_milli"] = 9'000;  // altered after signing
    auto prepared = prepare_push(std::string_view(body.dump()));
    ASSERT_TRUE(prepared.ok()) << prepared.status().to_string();
    EXPECT_EQ(prepared->chain.code(), ErrorCode::kCorrupt);
    EXPECT_EQ(prepared->chain.message(), "operation 2: hash does not match content");
    EXPECT_EQ(prepared->hash_ok, (std::vector<std::uint8_t>{1, 0}));
    EXPECT_EQ(*store_->operation_log().count_operations(), 0);
    EXPECT_EQ(open_cases("tampering"), 0);
    // Applied, it is refused with the one-step push's error and shown to staff once.
    auto applied = server_->apply_push(*prepared);
    EXPECT_EQ(applied.status().code(), ErrorCode::kCorrupt);
    EXPECT_EQ(applied.status().message(), prepared->chain.message());
    auto handled = server_->handle("push", body.dump());
    EXPECT_EQ(handled.status().to_string(), applied.status().to_string());
    EXPECT_EQ(*store_->operation_log().count_operations(), 0);
    EXPECT_EQ(redeemed(w_.entitlement), 0);
    EXPECT_EQ(open_cases("tampering"), 1);
}

TEST_F(SyncServerTest, PrepareRefusesWhatIsNotAPushBeforeTheStore) {
    EXPECT_EQ(prepare_push(std::string_view("{not json")).status().message(),
              "request body is not valid JSON");
    SimDevice a = enroll({w_.sp1});
    json body = json::parse(a.push_body({a.redeem(w_.entitlement, w_.sp1, 1)}));
    body["ops"] = json::array();
    EXPECT_EQ(prepare_push(std::string_view(body.dump())).status().code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(server_->apply_push(PreparedPush{}).status().code(), ErrorCode::kInvalidArgument);
}

TEST_F(SyncServerTest, RefusesADeeplyNestedBodyBeforeBuildingAnyTree) {
    const std::string expected =
        "request body nests deeper than " + std::to_string(kMessageMaxDepth) + " levels";
    // Megabytes of brackets: refused on the text, for every sync endpoint, with the store untouched.
    const std::string deep =
        "{\"device_id\":" + std::string(2'000'000, '[') + std::string(2'000'000, ']') + "}";
    EXPECT_EQ(prepare_push(std::string_view(deep)).status().message(), expected);
    for (const char* endpoint : {"push", "pull", "hello"}) {
        auto answer = server_->handle(endpoint, deep);
        EXPECT_EQ(answer.status().code(), ErrorCode::kInvalidArgument) << endpoint;
        EXPECT_EQ(answer.status().message(), expected) << endpoint;
    }
    EXPECT_EQ(*store_->operation_log().count_operations(), 0);
    // Brackets inside strings are text, not nesting: such a body gets the parser's usual answers.
    const std::string brackets_in_text = "{\"device_id\":\"" + std::string(100, '[') + "\\\"{\"}";
    EXPECT_EQ(prepare_push(std::string_view(brackets_in_text)).status().code(), ErrorCode::kInvalidArgument);
    EXPECT_NE(prepare_push(std::string_view(brackets_in_text)).status().message(), expected);
    // The usual push is still read and applied.
    SimDevice a = enroll({w_.sp1});
    Operation op = a.redeem(w_.entitlement, w_.sp1, 1);
    EXPECT_TRUE(server_->handle("push", a.push_body({op})).ok());
}

TEST_F(SyncServerTest, TwoThreadsPushingForDifferentDevicesLoseNothingAndAnswerAsOneThread) {
    SimDevice a = enroll({w_.sp1});
    SimDevice b = enroll({w_.sp1});
    SimDevice c = enroll({w_.sp1});
    const std::vector<std::vector<std::string>> bodies = {device_bodies(a, w_), device_bodies(b, w_),
                                                          device_bodies(c, w_)};
    std::mutex lock;
    std::vector<std::vector<std::string>> answers(bodies.size());
    // Devices a and b concurrently, each in its own thread and in its own order...
    std::vector<std::thread> pushers;
    for (std::size_t d = 0; d < 2; ++d) {
        pushers.emplace_back([&, d] {
            for (const auto& body : bodies[d]) answers[d].push_back(route_push(*server_, lock, body));
        });
    }
    for (auto& t : pushers) t.join();
    // ...and device c alone, as one thread would.
    for (const auto& body : bodies[2]) answers[2].push_back(route_push(*server_, lock, body));
    for (std::size_t d = 0; d < 2; ++d) EXPECT_EQ(answers[d], answers[2]) << "device " << d;
    const auto last = push_response_from_json(json::parse(answers[2].back()));
    ASSERT_TRUE(last.ok()) << answers[2].back();
    EXPECT_EQ(last->acked_seq, static_cast<std::uint64_t>(kBatches * kOpsPerBatch));
    EXPECT_EQ(last->results.back().disposition, Disposition::kRejected);
    EXPECT_EQ(last->results.front().disposition, Disposition::kAccepted);
    EXPECT_EQ(*store_->operation_log().count_operations(), 3 * kBatches * kOpsPerBatch);
    EXPECT_EQ(redeemed(w_.entitlement), 3 * kBatches * (kOpsPerBatch - 1));
    EXPECT_EQ(redeemed(w_.sp2_entitlement), 0);
}

TEST_F(SyncServerTest, ReplayingAPreparedPushGivesTheStoredAnswerMarkedDuplicate) {
    SimDevice a = enroll({w_.sp1});
    const std::vector<std::string> bodies = device_bodies(a, w_);
    std::mutex lock;
    // Each push replayed before the next one (acked_seq reports the device's tip, which a later push moves).
    for (const auto& body : bodies) {
        const std::string first_text = route_push(*server_, lock, body);
        const auto first = push_response_from_json(json::parse(first_text));
        ASSERT_TRUE(first.ok()) << first_text;
        const std::int64_t redeemed_once = redeemed(w_.entitlement);
        for (int k = 0; k < 2; ++k) {
            const std::string routed = route_push(*server_, lock, body);
            EXPECT_EQ(*server_->handle("push", body), routed);  // both paths answer alike
            const auto again = push_response_from_json(json::parse(routed));
            ASSERT_TRUE(again.ok()) << routed;
            EXPECT_EQ(again->acked_seq, first->acked_seq);
            ASSERT_EQ(again->results.size(), first->results.size());
            for (std::size_t i = 0; i < first->results.size(); ++i) {
                EXPECT_EQ(again->results[i].disposition, Disposition::kDuplicate);
                EXPECT_EQ(again->results[i].first, first->results[i].disposition);
                EXPECT_EQ(again->results[i].reason, first->results[i].reason);
            }
        }
        EXPECT_EQ(redeemed(w_.entitlement), redeemed_once);
    }
    EXPECT_EQ(redeemed(w_.entitlement), kBatches * (kOpsPerBatch - 1));
    EXPECT_EQ(*store_->operation_log().count_operations(), kBatches * kOpsPerBatch);
}

}  // namespace
}  // namespace spmis::sync::testing

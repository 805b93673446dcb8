// The fast push reader either reads exactly what the full parser reads or declines; it never
// accepts a body the full parser refuses, and never reads a different request.

#include "spmis/sync/push_read.hpp"

#include <gtest/gtest.h>

#include "op_fixture.hpp"
#include "spmis/base/clock.hpp"
#include "spmis/sync/protocol.hpp"

namespace spmis::sync {
namespace {

using nlohmann::json;

std::optional<PushRequest> full_read(const std::string& body) {
    json j = json::parse(body, nullptr, false);
    if (j.is_discarded()) return std::nullopt;
    auto m = push_request_from_json(j);
    if (!m.ok()) return std::nullopt;
    return *m;
}

void expect_same(const PushRequest& a, const PushRequest& b) {
    EXPECT_EQ(a.device_id, b.device_id);
    EXPECT_EQ(a.signature_hex, b.signature_hex);
    EXPECT_EQ(a.ops, b.ops);
}

// A push body as devices send it, with a varied second operation.
json device_body() {
    const Uuid device = new_uuid_v7();
    auto ops = testing::chain_of(device, 3);
    Operation& op = ops[1];
    op.payload = {{"name", "Zoë \"Q\"\n"}, {"nested", {{"list", {1, -2, true, nullptr, "x"}}}}, {"n", 0}};
    op.routing = {new_uuid_v7(), new_uuid_v7(), std::nullopt, new_uuid_v7()};
    op.time_claim.anchor_server_time = *parse_time("2026-11-20T08:30:00Z");
    op.time_claim.anchor_monotonic_ms = -5;
    seal(op);
    return to_json(PushRequest{device, ops, std::string(128, 'a')});
}

TEST(PushReadTest, ReadsADeviceBodyLikeTheFullParser) {
    for (int indent : {-1, 2}) {
        const std::string body = device_body().dump(indent);
        auto fast = read_push_fast(body);
        auto full = full_read(body);
        ASSERT_TRUE(fast.has_value()) << "indent " << indent;
        ASSERT_TRUE(full.has_value());
        expect_same(*fast, *full);
    }
}

TEST(PushReadTest, DeclinesWhatItDoesNotHandle) {
    const json good = device_body();
    std::vector<json> unusual;
    auto with = [&](auto change) {
        json j = good;
        change(j);
        unusual.push_back(j);
    };
    with([](json& j) { j["ops"][0]["officer_id"] = "esc\"aped"; });     // valid, escapes
    with([](json& j) { j["ops"][0]["officer_id"] = "Amélie"; });        // valid, non-ASCII
    with([](json& j) { j["ops"][0]["surprise"] = 1; });                 // unknown member
    with([](json& j) { j["ops"][0].erase("base"); });                   // missing member
    with([](json& j) { j["ops"][0]["payload"]["ratio"] = 0.5; });       // float
    with([](json& j) { j["protocol"] = kProtocolVersion + 1; });        // other protocol
    with([](json& j) { j["ops"][0]["device_seq"] = 0; });               // out of range
    with([](json& j) { j["ops"][0]["hash"] = "zz"; });                  // not a hash
    with([](json& j) { j["ops"][0]["routing"]["galaxy"] = nullptr; });  // unknown routing
    with([](json& j) { j["ops"] = json::object(); });                   // not an array
    with([](json& j) { j["extra"] = true; });                           // unknown top member
    for (const auto& j : unusual)
        EXPECT_FALSE(read_push_fast(j.dump()).has_value()) << j.dump().substr(0, 80);
    const std::string body = good.dump();
    for (std::string bad : {body + "x", body.substr(0, body.size() - 1), std::string(), std::string("[]"),
                            std::string("{\"protocol\":01}"), std::string("{\"protocol\":-0}"),
                            "{\"protocol\":1," + body.substr(1)}) {
        EXPECT_FALSE(read_push_fast(bad).has_value()) << bad.substr(0, 80);
    }
}

// `body` with `member` inserted first into the object that follows the first `where`.
std::string with_member(std::string body, const std::string& where, const std::string& member) {
    body.insert(body.find(where) + where.size(), member + ",");
    return body;
}

std::string nested_arrays(std::size_t levels) { return std::string(levels, '[') + std::string(levels, ']'); }

// Found by push_fuzz: a deeply nested value (a push body may inflate to 64 MiB) overflowed the stack
// in the full parser's recursive walks. Both paths now refuse it with an error.
TEST(PushReadTest, RefusesDeeplyNestedOperationsOnBothPaths) {
    const std::string body = device_body().dump();
    for (const std::string& where :
         {std::string("\"payload\":{"), std::string("\"routing\":{"), std::string("\"time_claim\":{")}) {
        const std::string deep = with_member(body, where, "\"deep\":" + nested_arrays(100'000));
        EXPECT_FALSE(read_push_fast(deep).has_value()) << where;
        json j = json::parse(deep, nullptr, false);
        ASSERT_FALSE(j.is_discarded());
        auto full = push_request_from_json(j);
        ASSERT_FALSE(full.ok()) << where;
        EXPECT_NE(full.status().message().find("nests deeper than"), std::string::npos)
            << full.status().message();
    }
}

TEST(PushReadTest, AgreesWithTheFullParserAtTheNestingLimit) {
    // The operation is level 1 and its payload level 2: `levels` arrays inside the payload reach
    // 2 + levels.
    const auto limit = static_cast<std::size_t>(kOperationMaxDepth);
    const std::string body = device_body().dump();
    const std::string at_limit = with_member(body, "\"payload\":{", "\"d\":" + nested_arrays(limit - 2));
    const std::string over = with_member(body, "\"base\":{", "\"d\":" + nested_arrays(limit - 1));
    auto fast = read_push_fast(at_limit);
    auto full = full_read(at_limit);
    ASSERT_TRUE(fast.has_value());
    ASSERT_TRUE(full.has_value());
    expect_same(*fast, *full);
    EXPECT_FALSE(read_push_fast(over).has_value());
    EXPECT_FALSE(full_read(over).has_value());
}

TEST(PushReadTest, NeverDisagreesWithTheFullParserOnMutatedBodies) {
    SeededRandom rng(8);
    const std::string body = device_body().dump();
    static const std::string kBytes = "{}[]\":,.-0123456789eE \\nulltrue\xC3\xA9";
    int read = 0;
    for (int i = 0; i < 1'500; ++i) {
        std::string mutated = body;
        for (std::int64_t k = rng.uniform(1, 3); k > 0; --k) {
            const auto at =
                static_cast<std::size_t>(rng.uniform(0, static_cast<std::int64_t>(mutated.size()) - 1));
            const char c = kBytes[static_cast<std::size_t>(
                rng.uniform(0, static_cast<std::int64_t>(kBytes.size()) - 1))];
            switch (rng.uniform(0, 2)) {
                case 0: mutated[at] = c; break;
                case 1: mutated.insert(at, 1, c); break;
                default: mutated.erase(at, 1); break;
            }
        }
        auto fast = read_push_fast(mutated);
        if (!fast) continue;
        ++read;
        auto full = full_read(mutated);
        ASSERT_TRUE(full.has_value()) << "fast reader accepted what the full parser refuses: " << mutated;
        expect_same(*fast, *full);
    }
    EXPECT_GT(read, 0);  // some mutations (inside payload strings, whitespace) stay readable
}

}  // namespace
}  // namespace spmis::sync

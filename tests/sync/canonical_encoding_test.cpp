// The direct encoder of operations must write exactly the bytes of dumping the nlohmann tree (the
// encoding the hash chain was defined with): any difference would break every stored chain.

#include <gtest/gtest.h>

#include <limits>

#include "op_fixture.hpp"
#include "spmis/base/clock.hpp"
#include "spmis/sync/operation.hpp"

namespace spmis::sync {
namespace {

using nlohmann::json;

// The reference encodings: the wire tree dumped by nlohmann, with and without `hash`.
std::string tree_wire(const Operation& op) {
    return to_json(op).dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string tree_canonical(const Operation& op) {
    json j = to_json(op);
    j.erase("hash");
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

void expect_same_bytes(const Operation& op) {
    EXPECT_EQ(canonical_bytes(op), tree_canonical(op));
    EXPECT_EQ(wire_text(op), tree_wire(op));
}

TEST(CanonicalEncodingTest, MatchesTheTreeForAFixtureChain) {
    for (const auto& op : testing::chain_of(new_uuid_v7(), 5)) expect_same_bytes(op);
}

TEST(CanonicalEncodingTest, MatchesTheTreeForUnicodeEscapesAndNumbers) {
    Operation op = testing::chain_of(new_uuid_v7(), 1)[0];
    op.officer_id = "Amélie \"Q\" O'Neil \\ tab\there\nnew\r\b\f\x01\x1f\x7f /slash";
    op.op_type = "registrant.update";
    op.record_kind = "registrant \xF0\x9F\x98\x80 \xE2\x82\xAC \xD8\xB3\xD9\x84\xD8\xA7\xD9\x85";
    op.payload = {
        {"given_name", "José Ñúñez"},
        {"zero", 0},
        {"negative", -42},
        {"min", std::numeric_limits<std::int64_t>::min()},
        {"max", std::numeric_limits<std::int64_t>::max()},
        {"umax", std::numeric_limits<std::uint64_t>::max()},
        {"flags", {true, false, nullptr}},
        {"empty_object", json::object()},
        {"empty_array", json::array()},
        {"nested", {{"z", {{"deeper", {1, 2, {{"k\"ey", "v\\al"}}}}}}, {"a", "\x02"}}},
        {"\xC3\xA9t\xC3\xA9", "unicode key"},
        {"Upper", "sorts before lower"},
    };
    op.base = {{"believed_remaining_milli", 1'000'000}, {"expected_state", "active"}};
    op.routing = {new_uuid_v7(), std::nullopt, new_uuid_v7(), std::nullopt};
    op.time_claim.anchor_server_time = *parse_time("2026-11-20T08:30:00Z");
    op.time_claim.anchor_monotonic_ms = -7;
    seal(op);
    expect_same_bytes(op);
}

TEST(CanonicalEncodingTest, MatchesTheTreeForIllFormedUtf8AndFloats) {
    Operation op = testing::chain_of(new_uuid_v7(), 1)[0];
    // Overlong, surrogate, truncated, above U+10FFFF, lone continuation: replaced like nlohmann does.
    for (std::string bad : {"\xC0\xAF", "\xED\xA0\x80", "ab\xE2\x82", "\xF4\x90\x80\x80", "\x80x", "\xFF"}) {
        op.officer_id = bad;
        op.payload["note"] = "ok " + bad + " end";
        op.payload["ratio"] = 0.5;  // malformed on the wire, yet it must still hash like the tree
        expect_same_bytes(op);
    }
}

// Random strings of bytes (mostly text-like, some arbitrary) in random nested payloads.
std::string random_text(SeededRandom& rng) {
    static const std::vector<std::string> kPieces = {"a",
                                                     "Z",
                                                     " ",
                                                     "\"",
                                                     "\\",
                                                     "/",
                                                     "\n",
                                                     "\t",
                                                     "\x01",
                                                     "\x7f",
                                                     "\xC3\xA9",
                                                     "\xE2\x82\xAC",
                                                     "\xF0\x9F\x98\x80",
                                                     "\xED\x9F\xBF",
                                                     "\xEE\x80\x80",
                                                     "\xF4\x8F\xBF\xBF",
                                                     "\xC2\x80",
                                                     "\xE0\xA0\x80",
                                                     "\xF0\x90\x80\x80"};
    std::string s;
    const auto n = rng.uniform(0, 12);
    for (std::int64_t i = 0; i < n; ++i) {
        if (rng.uniform(0, 40) == 0) {
            s.push_back(static_cast<char>(rng.uniform(0, 255)));  // sometimes ill-formed
        } else {
            s += kPieces[static_cast<std::size_t>(
                rng.uniform(0, static_cast<std::int64_t>(kPieces.size()) - 1))];
        }
    }
    return s;
}

json random_value(SeededRandom& rng, int depth) {
    switch (rng.uniform(0, depth > 2 ? 3 : 5)) {
        case 0:
            return rng.uniform(std::numeric_limits<std::int64_t>::min() / 2,
                               std::numeric_limits<std::int64_t>::max() / 2);
        case 1: return random_text(rng);
        case 2: return rng.uniform(0, 1) == 1;
        case 3: return nullptr;
        case 4: {
            json a = json::array();
            for (std::int64_t i = rng.uniform(0, 3); i > 0; --i) a.push_back(random_value(rng, depth + 1));
            return a;
        }
        default: {
            json o = json::object();
            for (std::int64_t i = rng.uniform(0, 4); i > 0; --i)
                o[random_text(rng)] = random_value(rng, depth + 1);
            return o;
        }
    }
}

TEST(CanonicalEncodingTest, MatchesTheTreeForRandomPayloads) {
    SeededRandom rng(20261121);
    Operation op = testing::chain_of(new_uuid_v7(), 1)[0];
    for (int i = 0; i < 400; ++i) {
        op.payload = json::object();
        for (std::int64_t k = rng.uniform(0, 5); k > 0; --k)
            op.payload[random_text(rng)] = random_value(rng, 0);
        op.base = {{"seen", random_value(rng, 1)}};
        op.officer_id = random_text(rng);
        op.time_claim.boot_id = random_text(rng);
        seal(op);
        SCOPED_TRACE(i);
        expect_same_bytes(op);
    }
}

TEST(CanonicalEncodingTest, HashOfADirectEncodingVerifiesAfterAWireRoundTrip) {
    Operation op = testing::chain_of(new_uuid_v7(), 1)[0];
    op.payload["name"] = "Zoë \"the\" ✓";
    seal(op);
    auto parsed = operation_from_json(json::parse(wire_text(op)));
    ASSERT_TRUE(parsed.ok()) << parsed.status().to_string();
    EXPECT_EQ(*parsed, op);
    EXPECT_TRUE(verify_hash(*parsed));
}

}  // namespace
}  // namespace spmis::sync

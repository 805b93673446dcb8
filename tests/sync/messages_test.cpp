#include "spmis/sync/messages.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "op_fixture.hpp"
#include "spmis/sync/protocol.hpp"

namespace spmis::sync {
namespace {

using nlohmann::json;

TEST(MessagesTest, PushRoundTripsThroughText) {
    PushRequest push{new_uuid_v7(), testing::chain_of(new_uuid_v7(), 3), std::string(128, 'a')};
    auto parsed = push_request_from_json(json::parse(to_json(push).dump()));
    ASSERT_TRUE(parsed.ok()) << parsed.status().to_string();
    EXPECT_EQ(parsed->ops, push.ops);
    EXPECT_EQ(parsed->device_id, push.device_id);

    PushResponse answer{
        3,
        {{1, Disposition::kAccepted, "", {}, std::nullopt},
         {2, Disposition::kAcceptedFlagged, "over-redemption", {new_uuid_v7()}, std::nullopt},
         {3, Disposition::kRejected, "unknown membership", {}, std::nullopt},
         {4, Disposition::kDuplicate, "over-redemption", {new_uuid_v7()}, Disposition::kAcceptedFlagged}}};
    auto back = push_response_from_json(json::parse(to_json(answer).dump()));
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(back->results, answer.results);
    EXPECT_EQ(back->acked_seq, 3u);
}

TEST(MessagesTest, RefusesAnotherProtocolVersion) {
    HelloRequest hello{new_uuid_v7(), 0, "e1", 0, *parse_time("2026-11-21T00:00:00Z")};
    json j = to_json(hello);
    ASSERT_TRUE(hello_request_from_json(j).ok());
    j["protocol"] = kProtocolVersion + 1;
    EXPECT_EQ(hello_request_from_json(j).status().code(), ErrorCode::kFailedPrecondition);
}

TEST(MessagesTest, RefusesMalformedPullsAndPages) {
    json pull = to_json(PullRequest{new_uuid_v7(), 5, 1024});
    ASSERT_TRUE(pull_request_from_json(pull).ok());
    pull["byte_budget"] = 0;
    EXPECT_FALSE(pull_request_from_json(pull).ok());
    PulledEvent event{new_uuid_v7(),
                      new_uuid_v7(),
                      new_uuid_v7(),
                      std::nullopt,
                      *parse_time("2026-11-21T08:00:00Z"),
                      *parse_time("2026-11-21T17:00:00Z")};
    PullResponse page{{{7, "event", event.id, event}}, 7, true, 12, "abc"};
    json p = to_json(page);
    auto back = pull_response_from_json(p);
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(std::get<PulledEvent>(*back->records[0].data), event);
    for (const char* member : {"id", "kind"}) {
        json broken = p;
        broken["records"][0].erase(member);
        EXPECT_FALSE(pull_response_from_json(broken).ok()) << member;
    }
    json wrong_kind = p;  // a record whose kind does not match its data is refused
    wrong_kind["records"][0]["kind"] = "entitlement";
    EXPECT_FALSE(pull_response_from_json(wrong_kind).ok());
    json bad_text = p;  // text a device would show must be valid
    bad_text["records"][0]["kind"] = "device";
    bad_text["records"][0]["data"] = {{"id", event.id.to_string()},
                                      {"name", "tab\u0007let"},
                                      {"public_key", "ab"},
                                      {"state", "revoked"},
                                      {"revoked_at", nullptr}};
    auto refused = pull_response_from_json(bad_text);
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.status().message().find("device.name"), std::string::npos)
        << refused.status().message();
    json tombstone = p;  // null data: the record left the device's scope
    tombstone["records"][0]["data"] = nullptr;
    auto removed = pull_response_from_json(tombstone);
    ASSERT_TRUE(removed.ok());
    EXPECT_FALSE(removed->records[0].data.has_value());
    EXPECT_FALSE(push_response_from_json(json{{"acked_seq", -1}, {"results", json::array()}}).ok());
}

// PROTOCOL.md section 9 and the code agree: each limit's number in the document is the constant's.
TEST(MessagesTest, ProtocolDocumentStatesTheLimitsTheCodeHolds) {
    std::ifstream in(std::string(SPMIS_SOURCE_DIR) + "/sync/PROTOCOL.md");
    std::stringstream text;
    text << in.rdbuf();
    const std::string doc = text.str();
    const auto section = doc.find("## 9. Limits");
    ASSERT_NE(section, std::string::npos);
    // "| ... (`kName`) | 500 ..." -> the first number after the name's cell.
    auto documented = [&](const std::string& name) -> long long {
        const auto at = doc.find("`" + name + "`", section);
        if (at == std::string::npos) return -1;
        const auto cell = doc.find('|', at);
        return std::stoll(doc.substr(cell + 1, 16));
    };
    const std::map<std::string, long long> code{
        {"kOperationMaxDepth", kOperationMaxDepth},
        {"kMessageMaxDepth", kMessageMaxDepth},
        {"kPushMaxOperations", static_cast<long long>(tuning::kPushMaxOperations)},
        {"kPullMaxRecords", static_cast<long long>(tuning::kPullMaxRecords)},
        {"kTrustListLifetime",
         std::chrono::duration_cast<std::chrono::days>(tuning::kTrustListLifetime).count()},
    };
    for (const auto& [name, value] : code) EXPECT_EQ(documented(name), value) << name;
}

}  // namespace
}  // namespace spmis::sync

#include "spmis/sync/transport.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace spmis::sync {
namespace {

struct Recorder {
    std::vector<std::string> seen;
    Result<std::string> operator()(const std::string&, const std::string& body) {
        seen.push_back(body);
        return std::string("ok:") + body;
    }
};

TEST(TransportTest, LoopbackDeliversOnce) {
    Recorder rec;
    LoopbackTransport t([&](const std::string& e, const std::string& b) { return rec(e, b); });
    EXPECT_EQ(*t.call("push", "x"), "ok:x");
    EXPECT_EQ(rec.seen.size(), 1u);
}

TEST(TransportTest, FaultsAreReproducibleForASeed) {
    auto run = [](std::uint64_t seed) {
        Recorder rec;
        LoopbackTransport inner([&](const std::string& e, const std::string& b) { return rec(e, b); });
        FaultInjectingTransport t(inner, {0.2, 0.2, 0.2, 0.2, 0.2}, seed);
        std::vector<std::string> outcomes;
        for (int i = 0; i < 50; ++i) {
            auto r = t.call("push", "body-" + std::to_string(i));
            outcomes.push_back(r.ok() ? *r : r.status().message());
        }
        t.flush_delayed();
        return std::make_pair(outcomes, rec.seen);
    };
    EXPECT_EQ(run(7), run(7));
    EXPECT_NE(run(7), run(8));
}

TEST(TransportTest, EachFaultKindBehavesAsNamed) {
    Recorder rec;
    LoopbackTransport inner([&](const std::string& e, const std::string& b) { return rec(e, b); });
    FaultInjectingTransport dup(inner, {0, 0, 1, 0, 0}, 1);
    EXPECT_TRUE(dup.call("push", "a").ok());
    EXPECT_EQ(rec.seen, (std::vector<std::string>{"a", "a"}));

    rec.seen.clear();
    FaultInjectingTransport dropped(inner, {1, 0, 0, 0, 0}, 1);
    EXPECT_EQ(dropped.call("push", "b").status().code(), ErrorCode::kNetwork);
    EXPECT_TRUE(rec.seen.empty());

    FaultInjectingTransport late(inner, {0, 1, 0, 0, 0}, 1);
    EXPECT_FALSE(late.call("push", "c").ok());
    EXPECT_EQ(rec.seen, (std::vector<std::string>{"c"}));  // delivered, answer lost

    rec.seen.clear();
    FaultInjectingTransport delayed(inner, {0, 0, 0, 1, 0}, 1);
    EXPECT_FALSE(delayed.call("push", "first").ok());
    delayed.set_rates({});
    EXPECT_TRUE(delayed.call("push", "second").ok());
    EXPECT_EQ(rec.seen, (std::vector<std::string>{"second", "first"}));  // reordered

    rec.seen.clear();
    FaultInjectingTransport cut(inner, {0, 0, 0, 0, 1}, 3);
    (void)cut.call("push", "0123456789");
    ASSERT_EQ(rec.seen.size(), 1u);
    EXPECT_LT(rec.seen[0].size(), 10u);
}

}  // namespace
}  // namespace spmis::sync

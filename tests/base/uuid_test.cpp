#include "spmis/base/uuid.hpp"

#include <gtest/gtest.h>

#include <set>

namespace spmis {
namespace {

TEST(UuidTest, ParsesAndFormatsCanonically) {
    auto id = Uuid::parse("0190A1B2-C3D4-7E5F-8A6B-7C8D9E0F1A2B");
    ASSERT_TRUE(id.ok());
    EXPECT_EQ(id->to_string(), "0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b");
    EXPECT_EQ(id->version(), 7);
}

TEST(UuidTest, RejectsMalformedText) {
    EXPECT_FALSE(Uuid::parse("").ok());
    EXPECT_FALSE(Uuid::parse("0190a1b2c3d47e5f8a6b7c8d9e0f1a2b0000").ok());
    EXPECT_FALSE(Uuid::parse("0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2g").ok());
    EXPECT_FALSE(Uuid::parse("0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2").ok());
}

TEST(UuidTest, V7IdsAreVersionedAndStrictlyIncreasingWithinOneMillisecond) {
    FakeClock clock(from_unix_micros(1'700'000'000'000'000));
    SeededRandom random(1);
    UuidGenerator gen(clock, random);
    Uuid prev = gen.next();
    std::set<Uuid> seen{prev};
    for (int i = 0; i < 10'000; ++i) {
        Uuid next = gen.next();
        EXPECT_LT(prev, next);
        EXPECT_EQ(next.version(), 7);
        EXPECT_EQ(next.bytes()[8] & 0xC0, 0x80);
        seen.insert(next);
        prev = next;
    }
    EXPECT_EQ(seen.size(), 10'001u);
    EXPECT_GE(prev.unix_millis(), 1'700'000'000'000);
}

TEST(UuidTest, V7IdsKeepOrderWhenTheClockStepsBack) {
    FakeClock clock(from_unix_micros(1'700'000'000'000'000));
    SeededRandom random(2);
    UuidGenerator gen(clock, random);
    Uuid a = gen.next();
    clock.set(from_unix_micros(1'600'000'000'000'000));
    EXPECT_LT(a, gen.next());
}

}  // namespace
}  // namespace spmis

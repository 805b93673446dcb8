#include "spmis/json/bounded_reader.hpp"

#include <gtest/gtest.h>

#include <string>

namespace spmis::json {
namespace {

TEST(BoundedReaderTest, ReadsAnOrdinaryBody) {
    auto j = read_bounded_json(R"({"username":"amina","roles":["a","b"],"n":1.5,"ok":true,"x":null})");
    ASSERT_TRUE(j.ok()) << j.status().to_string();
    EXPECT_EQ((*j)["username"], "amina");
}

// Regression: 8 MiB of '[' raised the server's memory by ~600 MB before it answered 400.
TEST(BoundedReaderTest, RefusesDeepNestingBeforeBuildingAnything) {
    const std::string deep(8u << 20, '[');
    auto j = read_bounded_json(deep);
    ASSERT_EQ(j.status().code(), ErrorCode::kInvalidArgument);
    EXPECT_NE(j.status().message().find("nested deeper than 32"), std::string::npos) << j.status().message();
    std::string ok_depth(32, '[');
    ok_depth += std::string(32, ']');
    EXPECT_TRUE(read_bounded_json(ok_depth).ok());
    EXPECT_FALSE(read_bounded_json("[" + ok_depth + "]").ok());
}

TEST(BoundedReaderTest, RefusesTooManyValuesLongStringsAndLongTexts) {
    JsonLimits small;
    small.max_values = 10;
    small.max_string_bytes = 8;
    small.max_total_bytes = 64;
    EXPECT_FALSE(read_bounded_json("[1,2,3,4,5,6,7,8,9,10,11]", small).ok());
    EXPECT_TRUE(read_bounded_json("[1,2,3]", small).ok());
    EXPECT_FALSE(read_bounded_json(R"(["123456789"])", small).ok());
    EXPECT_FALSE(read_bounded_json(R"({"123456789":1})", small).ok());
    EXPECT_FALSE(read_bounded_json("[" + std::string(70, ' ') + "]", small).ok());
}

TEST(BoundedReaderTest, RefusesStringsThatAreNotCleanTextNamingTheField) {
    auto nul = read_bounded_json(R"({"given_name":"a\u0000b"})");
    ASSERT_FALSE(nul.ok());
    EXPECT_NE(nul.status().message().find("field 'given_name'"), std::string::npos) << nul.status().message();
    EXPECT_NE(nul.status().message().find("NUL"), std::string::npos) << nul.status().message();
    EXPECT_FALSE(read_bounded_json("{\"name\":\"Bad\xFF\xFEName\"}").ok());
    EXPECT_FALSE(read_bounded_json(R"({"name":"a\u001bb"})").ok());
    EXPECT_FALSE(read_bounded_json(R"({"name":"\ud800"})").ok());  // a lone surrogate escape
    EXPECT_TRUE(read_bounded_json(R"({"reason":"two\nlines"})").ok());
}

TEST(BoundedReaderTest, MalformedTextGivesItsPosition) {
    auto j = read_bounded_json(R"({"a":1,})");
    ASSERT_FALSE(j.ok());
    EXPECT_NE(j.status().message().find("malformed JSON at byte"), std::string::npos) << j.status().message();
    EXPECT_FALSE(read_bounded_json("").ok());
    EXPECT_FALSE(read_bounded_json("{} {}").ok());
}

TEST(BoundedReaderTest, DumpReportsInvalidUtf8InsteadOfThrowing) {
    nlohmann::json bad = {{"name", std::string("Bad\xFF")}};
    auto text = dump_json(bad);
    EXPECT_EQ(text.status().code(), ErrorCode::kInternal);
    EXPECT_EQ(*dump_json(nlohmann::json{{"name", "ok"}}), R"({"name":"ok"})");
}

}  // namespace
}  // namespace spmis::json

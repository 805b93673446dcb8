#include "spmis/api/json_io.hpp"

#include <gtest/gtest.h>

namespace spmis::api {
namespace {

TEST(JsonIoTest, ErrorBodyHasCodeNameAndMessage) {
    http::HttpResponse r = error_response(Status(ErrorCode::kNotFound, "no such user"));
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(nlohmann::json::parse(r.body),
              nlohmann::json({{"error", {{"code", "not_found"}, {"message", "no such user"}}}}));
}

TEST(JsonIoTest, InvalidUtf8InMessagesIsReplacedNotThrown) {
    http::HttpResponse r = error_response(400, ErrorCode::kInvalidArgument, "bad \xff\xfe name");
    EXPECT_EQ(r.status, 400);
    EXPECT_NE(r.body.find("bad "), std::string::npos);
}

TEST(JsonIoTest, ParsingRefusesMalformedAndNonObjects) {
    EXPECT_EQ(parse_json_object("{").status().code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(parse_json_object("[]").status().code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(parse_json_object("\"\xff\"").status().code(), ErrorCode::kInvalidArgument);
    EXPECT_TRUE(parse_json_object("{\"a\":1}").ok());
}

TEST(JsonIoTest, FieldsAreTypedAndUnknownOnesRefused) {
    const nlohmann::json obj = {{"name", "x"}, {"age", 3}};
    EXPECT_EQ(string_field(obj, "name").value(), "x");
    EXPECT_EQ(string_field(obj, "age").status().message(), "field 'age' must be a string");
    EXPECT_EQ(string_field(obj, "none").status().message(), "field 'none' is required");
    EXPECT_TRUE(reject_unknown_fields(obj, {"name", "age"}).ok());
    EXPECT_EQ(reject_unknown_fields(obj, {"name"}).message(), "unknown field 'age'");
}

TEST(JsonIoTest, BearerTokenNeedsTheBearerScheme) {
    http::HttpRequest r;
    r.headers["authorization"] = "bearer abc";
    EXPECT_EQ(bearer_token(r), "abc");
    r.headers["authorization"] = "Basic abc";
    EXPECT_EQ(bearer_token(r), "");
}

}  // namespace
}  // namespace spmis::api

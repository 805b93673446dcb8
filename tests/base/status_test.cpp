#include "spmis/base/status.hpp"

#include <gtest/gtest.h>

namespace spmis {
namespace {

Result<int> half(int n) {
    if (n % 2 != 0) return make_error(ErrorCode::kInvalidArgument, "odd");
    return n / 2;
}

Result<int> quarter(int n) {
    SPMIS_ASSIGN_OR_RETURN(int h, half(n));
    return half(h);
}

TEST(StatusTest, CarriesCodeAndMessage) {
    Status s = make_error(ErrorCode::kNotFound, "registrant x does not exist");
    EXPECT_FALSE(s.ok());
    EXPECT_EQ(s.to_string(), "not_found: registrant x does not exist");
    EXPECT_TRUE(Status{}.ok());
}

TEST(StatusTest, AssignOrReturnPropagatesTheFirstError) {
    EXPECT_EQ(*quarter(8), 2);
    EXPECT_EQ(quarter(6).status().message(), "odd");
    EXPECT_EQ(quarter(7).status().code(), ErrorCode::kInvalidArgument);
}

TEST(ErrorCodeTest, MapsToDocumentedExitCodes) {
    EXPECT_EQ(exit_code_for(ErrorCode::kOk), 0);
    EXPECT_EQ(exit_code_for(ErrorCode::kRefused), 1);
    EXPECT_EQ(exit_code_for(ErrorCode::kInvalidArgument), 2);
    EXPECT_EQ(exit_code_for(ErrorCode::kNetwork), 3);
    EXPECT_EQ(exit_code_for(ErrorCode::kStorage), 4);
    EXPECT_EQ(http_status_for(ErrorCode::kNotFound), 404);
    EXPECT_EQ(http_status_for(ErrorCode::kIllegalTransition), 409);
}

}  // namespace
}  // namespace spmis

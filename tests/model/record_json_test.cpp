#include "spmis/model/record_json.hpp"

#include <gtest/gtest.h>

namespace spmis::model {
namespace {

TEST(RecordJsonTest, SnapshotsChangeWhenAFieldChanges) {
    Registrant r;
    r.id = *Uuid::parse("01900000-0000-7000-8000-000000000001");
    r.name = "Amina Diallo";
    r.birthdate = *parse_date("1990-02-03");
    r.income = Money{12345, "USD"};
    std::string before = registrant_json(r);
    EXPECT_NE(before.find("\"birthdate\":\"1990-02-03\""), std::string::npos) << before;
    EXPECT_NE(before.find("\"income\":\"123.45 USD\""), std::string::npos) << before;
    EXPECT_EQ(before, registrant_json(r));
    r.phone = "+221 77 000 00 00";
    EXPECT_NE(before, registrant_json(r));
}

// Regression: a registrant stored with invalid UTF-8 (before every door checked text) made its
// snapshot throw, so PATCH, the very route staff correct it with, answered 500.
TEST(RecordJsonTest, TextThatIsNotUtf8IsWrittenWithReplacementCharactersInsteadOfThrowing) {
    Registrant r;
    r.given_name = "Bad\xFF\xFEName";
    std::string snapshot;
    ASSERT_NO_THROW(snapshot = registrant_json(r));
    EXPECT_NE(snapshot.find("\"given_name\":\"Bad\xEF\xBF\xBD\xEF\xBF\xBDName\""), std::string::npos)
        << snapshot;
}

TEST(RecordJsonTest, StateSnapshotNamesTheState) {
    EXPECT_EQ(state_json("enrolled"), R"({"state":"enrolled"})");
}

}  // namespace
}  // namespace spmis::model

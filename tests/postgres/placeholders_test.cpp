// SQLite's placeholders become PostgreSQL's, and nothing inside quotes or comments changes.
#include "placeholders.hpp"

#include <gtest/gtest.h>

namespace spmis::postgres {
namespace {

TEST(PlaceholdersTest, QuestionMarksAreNumberedInOrder) {
    EXPECT_EQ(numbered_placeholders("INSERT INTO t (a, b, c) VALUES (?,?, ?)"),
              "INSERT INTO t (a, b, c) VALUES ($1,$2, $3)");
    EXPECT_EQ(numbered_placeholders("SELECT 1"), "SELECT 1");
}

TEST(PlaceholdersTest, NumberedOnesKeepTheirNumber) {
    EXPECT_EQ(numbered_placeholders("WHERE d.delegator = ?1 OR d.delegate = ?1 AND x > ?12"),
              "WHERE d.delegator = $1 OR d.delegate = $1 AND x > $12");
}

TEST(PlaceholdersTest, ABareOneAfterNumberedOnesFollowsTheLargestAsInSqlite) {
    EXPECT_EQ(numbered_placeholders("a = ?1 AND b = ? AND c = ?"), "a = $1 AND b = $2 AND c = $3");
    EXPECT_EQ(numbered_placeholders("a = ?3 AND b = ?"), "a = $3 AND b = $4");
    EXPECT_EQ(numbered_placeholders("a = ?1 AND b = ?1 AND c = ?"), "a = $1 AND b = $1 AND c = $2");
}

TEST(PlaceholdersTest, QuotesAndCommentsAreLeftAlone) {
    EXPECT_EQ(numbered_placeholders("SELECT '?', 'it''s ?', \"col?\" FROM t WHERE a = ? -- why?\nAND b = ?"),
              "SELECT '?', 'it''s ?', \"col?\" FROM t WHERE a = $1 -- why?\nAND b = $2");
    // An unterminated literal is copied as it is (the server reports the syntax error).
    EXPECT_EQ(numbered_placeholders("SELECT 'open ? "), "SELECT 'open ? ");
}

}  // namespace
}  // namespace spmis::postgres

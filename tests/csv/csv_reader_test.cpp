#include "spmis/csv/csv_reader.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace spmis::csv {
namespace {

using Rows = std::vector<std::vector<std::string>>;

Result<Rows> read_all(const std::string& text, std::vector<std::size_t>* lines = nullptr) {
    std::istringstream in(text);
    CsvReader reader(in);
    Rows rows;
    std::vector<std::string> fields;
    while (true) {
        SPMIS_ASSIGN_OR_RETURN(bool more, reader.next(fields));
        if (!more) return rows;
        rows.push_back(fields);
        if (lines != nullptr) lines->push_back(reader.line());
    }
}

TEST(CsvReaderTest, ReadsPlainRecordsWithEmptyFields) {
    auto rows = read_all("a,b,c\n1,,3\n,,\n");
    ASSERT_TRUE(rows.ok());
    EXPECT_EQ(*rows, (Rows{{"a", "b", "c"}, {"1", "", "3"}, {"", "", ""}}));
}

TEST(CsvReaderTest, HandlesQuotesEmbeddedCommasAndNewlines) {
    std::vector<std::size_t> lines;
    auto rows = read_all("name,note\n\"Diallo, Amina\",\"said \"\"hi\"\"\nthen left\"\nlast,x", &lines);
    ASSERT_TRUE(rows.ok()) << rows.status().to_string();
    EXPECT_EQ(*rows, (Rows{{"name", "note"}, {"Diallo, Amina", "said \"hi\"\nthen left"}, {"last", "x"}}));
    EXPECT_EQ(lines, (std::vector<std::size_t>{1, 2, 4}));
}

TEST(CsvReaderTest, AcceptsCrlfAndAByteOrderMark) {
    auto rows = read_all("\xEF\xBB\xBFid,v\r\n1,\"x\"\r\n2,y\r\n");
    ASSERT_TRUE(rows.ok());
    EXPECT_EQ(*rows, (Rows{{"id", "v"}, {"1", "x"}, {"2", "y"}}));
}

TEST(CsvReaderTest, SkipsBlankLinesButCountsThem) {
    std::vector<std::size_t> lines;
    auto rows = read_all("a\n\n\nb\n", &lines);
    ASSERT_TRUE(rows.ok());
    EXPECT_EQ(lines, (std::vector<std::size_t>{1, 4}));
}

TEST(CsvReaderTest, ReportsUnterminatedQuoteWithItsLine) {
    auto rows = read_all("a,b\n1,\"open\n2,3\n");
    ASSERT_FALSE(rows.ok());
    EXPECT_EQ(rows.status().code(), ErrorCode::kInvalidArgument);
    EXPECT_NE(rows.status().message().find("line 2"), std::string::npos) << rows.status().message();
}

TEST(CsvReaderTest, ReportsTextAfterClosingQuote) {
    auto rows = read_all("a\n\"x\"y\n");
    ASSERT_FALSE(rows.ok());
    EXPECT_NE(rows.status().message().find("line 2"), std::string::npos);
}

// Regression: a name with invalid UTF-8 imported, then broke every pull of its household.
TEST(CsvReaderTest, RefusesInvalidUtf8NamingLineAndColumn) {
    auto rows = read_all("given_name,family_name\nAmina,Diallo\nOk,Bad\xFF\xFEName\n");
    ASSERT_FALSE(rows.ok());
    EXPECT_EQ(rows.status().code(), ErrorCode::kInvalidArgument);
    EXPECT_NE(rows.status().message().find("line 3"), std::string::npos) << rows.status().message();
    EXPECT_NE(rows.status().message().find("column 2"), std::string::npos) << rows.status().message();
    EXPECT_NE(rows.status().message().find("invalid UTF-8"), std::string::npos) << rows.status().message();
}

TEST(CsvReaderTest, RefusesNulAndControlCharactersButKeepsQuotedLineBreaks) {
    EXPECT_FALSE(read_all(std::string("a\nx\0y\n", 6)).ok());
    EXPECT_FALSE(read_all("a\nx\x1by\n").ok());
    EXPECT_FALSE(read_all("a\n\"x\x7fy\"\n").ok());
    auto rows = read_all("a\n\"two\nlines\"\n");
    ASSERT_TRUE(rows.ok()) << rows.status().to_string();
    EXPECT_EQ((*rows)[1][0], "two\nlines");
}

TEST(CsvReaderTest, RefusesAQuoteInsideAnUnquotedField) {
    auto rows = read_all("a,b\n1,say \"x\"\n");
    ASSERT_FALSE(rows.ok());
    EXPECT_NE(rows.status().message().find("line 2"), std::string::npos) << rows.status().message();
    EXPECT_NE(rows.status().message().find("column 2"), std::string::npos) << rows.status().message();
}

TEST(CsvReaderTest, FormatRecordQuotesOnlyWhenNeededAndRoundTrips) {
    std::vector<std::string> fields{"plain", "a,b", "say \"x\"", "two\nlines"};
    std::string line = format_record(fields);
    EXPECT_EQ(line, "plain,\"a,b\",\"say \"\"x\"\"\",\"two\nlines\"\n");
    auto rows = read_all(line);
    ASSERT_TRUE(rows.ok());
    EXPECT_EQ(*rows, Rows{fields});
}

}  // namespace
}  // namespace spmis::csv

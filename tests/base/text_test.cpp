#include "spmis/base/text.hpp"

#include <gtest/gtest.h>

namespace spmis {
namespace {

TEST(TextTest, AcceptsPrintableTextInAnyScript) {
    EXPECT_TRUE(check_text("Amina Diallo", "name").ok());
    EXPECT_TRUE(check_text("Ngozi Okafor-Ìbàdàn", "name").ok());
    EXPECT_TRUE(check_text("محمد", "name").ok());
    EXPECT_TRUE(check_text("", "phone").ok());
}

TEST(TextTest, RefusesInvalidUtf8WithTheByteOffset) {
    const TextProblem p = find_text_problem("Bad\xFF\xFEName");
    EXPECT_EQ(p.offset, 3u);
    EXPECT_EQ(p.reason, "invalid UTF-8");
    EXPECT_FALSE(find_text_problem("\xC0\xAF").ok());          // overlong '/'
    EXPECT_FALSE(find_text_problem("\xED\xA0\x80").ok());      // a surrogate
    EXPECT_FALSE(find_text_problem("\xF4\x90\x80\x80").ok());  // beyond U+10FFFF
    EXPECT_FALSE(find_text_problem("abc\xE2\x82").ok());       // cut short
    const Status s = check_text("Bad\xFF", "given_name");
    EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(s.message(), "given_name: invalid UTF-8 at byte 3");
}

TEST(TextTest, RefusesNulControlAndDirectionCharacters) {
    EXPECT_EQ(find_text_problem(std::string("a\0b", 3)).reason, "NUL character");
    EXPECT_FALSE(find_text_problem("a\x1b[31m").ok());
    EXPECT_FALSE(find_text_problem("a\x7f").ok());
    EXPECT_FALSE(find_text_problem("a\xC2\x85").ok());             // C1 next line
    EXPECT_FALSE(find_text_problem("adm\xE2\x80\xAEnimda").ok());  // right-to-left override
    EXPECT_FALSE(find_text_problem("two\nlines").ok());
    EXPECT_TRUE(find_text_problem("two\nlines\tand a tab\r\n", TextKind::kMultiline).ok());
    EXPECT_FALSE(find_text_problem(std::string("x\0", 2), TextKind::kMultiline).ok());
}

TEST(TextTest, NamesMustShowSomething) {
    EXPECT_TRUE(check_name("Yaw", "name").ok());
    EXPECT_FALSE(check_name("", "name").ok());
    EXPECT_FALSE(check_name("   ", "name").ok());
    EXPECT_FALSE(check_name("\xE2\x80\x8B\xE2\x80\x8B", "name").ok());  // zero-width spaces only
    EXPECT_FALSE(check_name("\xC2\xA0\xEF\xBB\xBF", "name").ok());      // no-break space and BOM
    EXPECT_TRUE(check_name("Mary Ann", "name").ok());
}

TEST(TextTest, IdentifiersHaveNoSpacesOrInvisibleCharacters) {
    EXPECT_TRUE(check_identifier("amina.diallo", "username").ok());
    EXPECT_FALSE(check_identifier("amina diallo", "username").ok());
    EXPECT_FALSE(check_identifier("ad\xE2\x80\x8Bmin", "username").ok());  // zero-width inside
    EXPECT_FALSE(check_identifier("", "username").ok());
}

TEST(TextTest, NfcComposesAndLeavesOtherTextAlone) {
    EXPECT_EQ(to_nfc("Jose\xCC\x81"), "Jos\xC3\xA9");
    EXPECT_EQ(to_nfc("Jos\xC3\xA9"), "Jos\xC3\xA9");
    EXPECT_EQ(to_nfc("plain ascii"), "plain ascii");
    EXPECT_EQ(to_nfc("Bad\xFF\xFE"), "Bad\xFF\xFE");  // not UTF-8: unchanged (refused elsewhere)
    EXPECT_EQ(to_nfc("\xE1\x84\x80\xE1\x85\xA1"), "\xEA\xB0\x80");  // Hangul jamo compose to one syllable
}

}  // namespace
}  // namespace spmis

// Engine behaviour beyond the conformance files: compile errors with positions, hostile input.

#include <gtest/gtest.h>

#include <string>

#include "spmis/cel/logic_pack.hpp"
#include "spmis/cel/program.hpp"

namespace {

using spmis::cel::CompileError;
using spmis::cel::CompileOptions;
using spmis::cel::Kind;
using spmis::cel::Program;
using spmis::cel::Value;

Value eval(const std::string& src, const CompileOptions& options = {}) {
    auto p = Program::compile(src, options);
    return p.ok() ? p->evaluate(std::span<const Value>{}) : Value::error(p.status().message());
}

TEST(EngineTest, ReportsLineColumnAndCaretForUndeclaredIdentifier) {
    CompileOptions opts;
    opts.variables = {"group"};
    CompileError err;
    auto p = Program::compile("group.size > 1 &&\n  missing > 2", opts, &err);
    ASSERT_FALSE(p.ok());
    EXPECT_EQ(err.line, 2);
    EXPECT_EQ(err.column, 3);
    EXPECT_NE(err.rendered.find("undeclared reference to 'missing'"), std::string::npos);
    EXPECT_NE(err.rendered.find("\n |   missing > 2\n | ..^"), std::string::npos) << err.rendered;
}

TEST(EngineTest, ReportsSyntaxErrorPosition) {
    CompileError err;
    EXPECT_FALSE(Program::compile("1 + (2 * 3", {}, &err).ok());
    EXPECT_EQ(err.line, 1);
    EXPECT_EQ(err.column, 11);
}

TEST(EngineTest, RefusesDeepNestingWithoutCrashing) {
    std::string deep(100000, '(');
    deep += "1";
    deep += std::string(100000, ')');
    auto p = Program::compile(deep);
    ASSERT_FALSE(p.ok());
    EXPECT_NE(p.status().message().find("nested too deeply"), std::string::npos);
    std::string chain = "1";
    for (int i = 0; i < 100000; ++i) chain += " + 1";
    EXPECT_FALSE(Program::compile(chain).ok());
    std::string negs(100000, '-');
    EXPECT_FALSE(Program::compile(negs + "1").ok());
    std::string ors = "false";
    for (int i = 0; i < 20000; ++i) ors += " || false";
    EXPECT_TRUE(Program::compile(ors).ok()) << "flat || chains are fine";
}

TEST(EngineTest, RefusesUnterminatedStringsAndInvalidUtf8) {
    EXPECT_FALSE(Program::compile("'abc").ok());
    EXPECT_FALSE(Program::compile("'''abc''").ok());
    EXPECT_FALSE(Program::compile("'a\xff'").ok());
    EXPECT_FALSE(Program::compile("'\\ud800'").ok());
}

TEST(EngineTest, BadRegexIsAnErrorValue) {
    Value v = eval("'abc'.matches('(')");
    ASSERT_EQ(v.kind(), Kind::kError);
    EXPECT_NE(v.message().find("invalid regular expression"), std::string::npos);
    EXPECT_TRUE(eval("'abc'.matches('^a.c$')").as_bool());
}

TEST(EngineTest, AbsorbsErrorsInLogicalOperatorsInEitherOrder) {
    EXPECT_FALSE(eval("false && (1 / 0 == 1)").as_bool());
    EXPECT_FALSE(eval("(1 / 0 == 1) && false").as_bool());
    EXPECT_TRUE(eval("(1 / 0 == 1) || true").as_bool());
    EXPECT_TRUE(eval("(1 / 0 == 1) && true").is_error());
}

TEST(EngineTest, OverflowAndDivisionByZeroAreErrors) {
    EXPECT_TRUE(eval("9223372036854775807 + 1").is_error());
    EXPECT_TRUE(eval("-9223372036854775808 - 1").is_error());
    EXPECT_TRUE(eval("18446744073709551615u + 1u").is_error());
    EXPECT_TRUE(eval("0u - 1u").is_error());
    EXPECT_TRUE(eval("1 % 0").is_error());
    EXPECT_EQ(eval("-9223372036854775808").as_int(), INT64_MIN);
}

TEST(EngineTest, CountsFilteredSizeWithoutChangingResults) {
    EXPECT_EQ(eval("[1, 5, 7, 2].filter(x, x > 2).size()").as_int(), 2);
    EXPECT_EQ(eval("size([1, 5, 7, 2].filter(x, x > 2))").as_int(), 2);
    EXPECT_TRUE(eval("[1, 0].filter(x, 2 / x > 0).size()").is_error());
}

TEST(EngineTest, StringExtensionRefusesPositionsOutsideTheString) {
    EXPECT_TRUE(eval("'abc'.substring(5)").is_error());
    EXPECT_TRUE(eval("'abc'.substring(2, 1)").is_error());
    EXPECT_TRUE(eval("'abc'.charAt(-1)").is_error());
    EXPECT_TRUE(eval("'abc'.indexOf('', 9)").is_error());
    EXPECT_TRUE(eval("'abc'.lastIndexOf('a', -1)").is_error());
    EXPECT_TRUE(eval("[1, 'a'].join()").is_error());
    EXPECT_EQ(eval("'a,b,,c'.split(',')").as_list().size(), 4U);
    EXPECT_EQ(eval("'héllo'.split('', 2)").as_list()[1].as_string(), "éllo");
}

TEST(EngineTest, RefusesValuesThatGrowWithoutBound) {
    std::string grow = "'aaaaaaaaaaaaaaaa'";
    for (int i = 0; i < 12; ++i) grow += ".replace('a', 'aaaaaaaaaa')";
    Value v = eval(grow);
    ASSERT_TRUE(v.is_error());
    EXPECT_NE(v.message().find("too large"), std::string::npos);
    spmis::cel::LogicPack pack;
    pack.define("v0", "'abcdefghabcdefghabcdefghabcdefgh'");
    for (int i = 1; i < 40; ++i) {
        pack.define("v" + std::to_string(i),
                    "variables.v" + std::to_string(i - 1) + " + variables.v" + std::to_string(i - 1));
    }
    CompileOptions opts;
    opts.logic_pack = &pack;
    EXPECT_TRUE(eval("size(variables.v39) > 0", opts).is_error());
}

TEST(EngineTest, TimeZoneNamingADirectoryIsAnErrorNotACrash) {
    // Found by the fuzzer: "America" is a directory under /usr/share/zoneinfo.
    EXPECT_TRUE(eval("timestamp(0).getHours('America')").is_error());
    EXPECT_TRUE(eval("timestamp(0).getHours('../../etc/passwd')").is_error());
    EXPECT_TRUE(eval("timestamp(0).getHours('Mars/Olympus')").is_error());
    EXPECT_EQ(eval("timestamp('2009-02-13T23:31:30Z').getHours('Asia/Kathmandu')").as_int(), 5);
}

TEST(EngineTest, StopsRunawayComprehensionsWithAnError) {
    const std::string ten = "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]";
    std::string expr = ten + ".all(a, " + ten + ".all(b, " + ten + ".all(c, " + ten + ".all(d, " + ten +
                       ".all(e, " + ten + ".all(f, " + ten + ".all(g, a + b + c + d + e + f + g >= 0)))))))";
    CompileOptions small;
    small.max_iterations = 20'000;
    Value v = eval(expr, small);
    ASSERT_TRUE(v.is_error());
    EXPECT_NE(v.message().find("budget"), std::string::npos);
    std::string absorbed = ten + ".exists(a, " + ten + ".all(b, " + ten + ".all(c, " + ten + ".all(d, " +
                           ten + ".all(e, " + ten + ".all(f, " + ten + ".all(g, true)))))))";
    EXPECT_TRUE(eval(absorbed, small).is_error()) << "an exhausted budget stays exhausted";
    EXPECT_TRUE(eval(ten + ".all(a, " + ten + ".all(b, true))", small).as_bool());
}

TEST(EngineTest, MisusedExtensionSyntaxIsACompileErrorWithPosition) {
    CompileError err;
    EXPECT_FALSE(Program::compile("cel.bind(1, 2, 3)", {}, &err).ok());
    EXPECT_EQ(err.column, 10);
    EXPECT_NE(err.message.find("cel.bind"), std::string::npos) << err.message;
    EXPECT_FALSE(Program::compile("[1].all(i, i, true)", {}, &err).ok());
    EXPECT_EQ(err.column, 12);
    EXPECT_FALSE(Program::compile("{'a': 1}.?1", {}, &err).ok());
    EXPECT_EQ(err.column, 11);
    EXPECT_NE(err.message.find("'.?'"), std::string::npos) << err.message;
}

TEST(EngineTest, ExtensionsGivenWrongTypesAreErrorValues) {
    for (const char* expr :
         {"optional.of(1).orValue()", "1.hasValue()", "optional.none().value()", "[?1]", "{?'a': 1}",
          "optional.none().or(2)", "1.optMap(x, x)", "optional.of(1).optFlatMap(x, x)", "base64.decode('!!')",
          "base64.encode('s')", "1.transformMap(k, v, v)", "cel.bind(x, 1 / 0, x)"}) {
        Value v = eval(expr);
        EXPECT_TRUE(v.is_error()) << expr;
    }
}

TEST(EngineTest, TwoVariableMacrosShareTheIterationBudget) {
    CompileOptions small;
    small.max_iterations = 100;
    const std::string ten = "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]";
    EXPECT_TRUE(eval(ten + ".all(i, v, " + ten + ".all(j, w, i + j >= 0))", small).is_error());
    EXPECT_TRUE(eval(ten + ".all(i, v, i == v)", small).as_bool());
}

TEST(EngineTest, OrAndOrValueEvaluateTheAlternativeOnlyWhenNone) {
    EXPECT_EQ(eval("optional.of(1).orValue(1 / 0)").as_int(), 1);
    EXPECT_EQ(eval("optional.of(1).or(optional.of(1 / 0)).value()").as_int(), 1);
    EXPECT_TRUE(eval("optional.none().orValue(1 / 0)").is_error());
    EXPECT_EQ(eval("{}.?a.or({'b': 2}.?b).orValue(0)").as_int(), 2);
}

TEST(EngineTest, FormatRefusesHugePrecisionAndMissingArguments) {
    EXPECT_EQ(eval("'%.2f'.format([2.345])").as_string(), "2.35");
    Value huge = eval("'%.999999999f'.format([1.0])");
    ASSERT_TRUE(huge.is_error());
    EXPECT_NE(huge.message().find("precision"), std::string::npos) << huge.message();
    EXPECT_TRUE(eval("'%s %s'.format(['a'])").is_error());
    EXPECT_TRUE(eval("'%s'.format('a')").is_error());
    EXPECT_TRUE(eval("'%'.format([1])").is_error());
    EXPECT_TRUE(eval("'%.'.format([1])").is_error());
    EXPECT_EQ(eval("strings.quote('a\"b')").as_string(), "\"a\\\"b\"");
}

}  // namespace

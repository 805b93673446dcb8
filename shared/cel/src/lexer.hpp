#pragma once
// CEL lexer: source text to tokens. String and bytes literals are decoded here (all escapes,
// raw and triple-quoted forms); numbers keep their magnitude so the parser can fold `-` into
// int64's minimum.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace spmis::cel {

enum class Tok : std::uint8_t {
    kEnd,
    kIdent,
    kQuotedIdent,  // `content-type`, only valid after '.'
    kInt,          // magnitude in u (may exceed int64 max; the parser checks)
    kUint,
    kDouble,
    kString,
    kBytes,
    kTrue,
    kFalse,
    kNull,
    kIn,
    kLParen,
    kRParen,
    kLBracket,
    kRBracket,
    kLBrace,
    kRBrace,
    kDot,
    kComma,
    kColon,
    kQuestion,
    kAnd,
    kOr,
    kNot,
    kEq,
    kNe,
    kLt,
    kLe,
    kGt,
    kGe,
    kPlus,
    kMinus,
    kStar,
    kSlash,
    kPercent,
};

struct Token {
    Tok kind = Tok::kEnd;
    std::uint32_t pos = 0;  // byte offset in the source
    std::string text;       // identifier name or decoded string/bytes literal
    std::uint64_t u = 0;    // integer magnitude
    double d = 0;
};

struct LexError {
    std::uint32_t pos = 0;
    std::string message;
};

// Tokenizes the whole source; on failure returns false and fills `error`.
bool lex(std::string_view source, std::vector<Token>* out, LexError* error);

}  // namespace spmis::cel

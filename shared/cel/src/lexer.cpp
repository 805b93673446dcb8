#include "lexer.hpp"

#include <cerrno>
#include <cstdlib>

#include "string_literal.hpp"
#include "utf8.hpp"

namespace spmis::cel {
namespace {

bool is_ident_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ident_char(char c) { return is_ident_start(c) || is_digit(c); }
bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

class Lexer {
public:
    Lexer(std::string_view src, std::vector<Token>* out, LexError* err) : src_(src), out_(out), err_(err) {}

    bool run() {
        while (true) {
            if (!skip_space()) {
                return false;
            }
            if (i_ >= src_.size()) {
                push(Tok::kEnd, i_);
                return true;
            }
            if (!next()) {
                return false;
            }
        }
    }

private:
    bool fail(std::size_t pos, std::string msg) {
        err_->pos = static_cast<std::uint32_t>(pos);
        err_->message = std::move(msg);
        return false;
    }
    char at(std::size_t k) const { return k < src_.size() ? src_[k] : '\0'; }
    Token& push(Tok kind, std::size_t pos) {
        out_->push_back(Token{kind, static_cast<std::uint32_t>(pos), {}, 0, 0});
        return out_->back();
    }

    bool skip_space() {
        while (i_ < src_.size()) {
            char c = src_[i_];
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
                ++i_;
            } else if (c == '/' && at(i_ + 1) == '/') {
                while (i_ < src_.size() && src_[i_] != '\n') {
                    ++i_;
                }
            } else {
                break;
            }
        }
        return true;
    }

    bool next() {
        char c = src_[i_];
        if (is_digit(c) || (c == '.' && is_digit(at(i_ + 1)))) {
            return number();
        }
        if (c == '"' || c == '\'') {
            return string_lit(i_, false, false);
        }
        if (is_ident_start(c)) {
            return word();
        }
        if (c == '`') {
            return quoted_ident();
        }
        return punct();
    }

    bool word() {
        std::size_t start = i_;
        // String prefixes: r, b, br, rb in any case, directly followed by a quote.
        std::size_t k = i_;
        bool raw = false;
        bool bytes = false;
        while (k < src_.size() && k - i_ < 2) {
            char p = src_[k];
            if ((p == 'r' || p == 'R') && !raw) {
                raw = true;
            } else if ((p == 'b' || p == 'B') && !bytes) {
                bytes = true;
            } else {
                break;
            }
            ++k;
            if (at(k) == '"' || at(k) == '\'') {
                i_ = k;
                return string_lit(start, raw, bytes);
            }
        }
        while (i_ < src_.size() && is_ident_char(src_[i_])) {
            ++i_;
        }
        std::string_view w = src_.substr(start, i_ - start);
        if (w == "true") {
            push(Tok::kTrue, start);
        } else if (w == "false") {
            push(Tok::kFalse, start);
        } else if (w == "null") {
            push(Tok::kNull, start);
        } else if (w == "in") {
            push(Tok::kIn, start);
        } else {
            push(Tok::kIdent, start).text = std::string(w);
        }
        return true;
    }

    bool quoted_ident() {
        std::size_t start = i_++;
        while (i_ < src_.size() && src_[i_] != '`') {
            char c = src_[i_];
            if (!is_ident_char(c) && c != '.' && c != '-' && c != '/' && c != '~' && c != ' ') {
                return fail(i_, "invalid character in quoted identifier");
            }
            ++i_;
        }
        if (i_ >= src_.size() || i_ == start + 1) {
            return fail(start, "unterminated or empty quoted identifier");
        }
        push(Tok::kQuotedIdent, start).text = std::string(src_.substr(start + 1, i_ - start - 1));
        ++i_;
        return true;
    }

    bool string_lit(std::size_t start, bool raw, bool bytes) {
        std::string decoded;
        std::string error;
        std::size_t error_pos = 0;
        std::size_t end = decode_string_literal(src_, i_, raw, bytes, &decoded, &error, &error_pos);
        if (end == 0) {
            return fail(error_pos, error);
        }
        i_ = end;
        push(bytes ? Tok::kBytes : Tok::kString, start).text = std::move(decoded);
        return true;
    }

    bool number() {
        std::size_t start = i_;
        if (src_[i_] == '0' && (at(i_ + 1) == 'x' || at(i_ + 1) == 'X')) {
            i_ += 2;
            std::size_t digits = i_;
            while (is_hex(at(i_))) {
                ++i_;
            }
            if (i_ == digits) {
                return fail(start, "invalid hex literal");
            }
            return integer(start, std::string(src_.substr(digits, i_ - digits)), 16);
        }
        while (is_digit(at(i_))) {
            ++i_;
        }
        bool is_float = false;
        if (at(i_) == '.' && is_digit(at(i_ + 1))) {
            is_float = true;
            ++i_;
            while (is_digit(at(i_))) {
                ++i_;
            }
        }
        if (at(i_) == 'e' || at(i_) == 'E') {
            std::size_t k = i_ + 1;
            if (at(k) == '+' || at(k) == '-') {
                ++k;
            }
            if (!is_digit(at(k))) {
                return fail(i_, "invalid exponent in number");
            }
            is_float = true;
            i_ = k;
            while (is_digit(at(i_))) {
                ++i_;
            }
        }
        std::string text(src_.substr(start, i_ - start));
        if (is_float) {
            push(Tok::kDouble, start).d = std::strtod(text.c_str(), nullptr);
            return true;
        }
        return integer(start, text, 10);
    }

    bool integer(std::size_t start, const std::string& digits, int base) {
        errno = 0;
        unsigned long long v = std::strtoull(digits.c_str(), nullptr, base);
        if (errno == ERANGE) {
            return fail(start, "integer literal out of range");
        }
        Tok kind = Tok::kInt;
        if (at(i_) == 'u' || at(i_) == 'U') {
            kind = Tok::kUint;
            ++i_;
        }
        if (is_ident_char(at(i_))) {
            return fail(i_, "invalid character after number");
        }
        push(kind, start).u = v;
        return true;
    }

    bool punct() {
        std::size_t start = i_;
        char c = src_[i_];
        char n = at(i_ + 1);
        auto two = [&](Tok t) {
            i_ += 2;
            push(t, start);
            return true;
        };
        auto one = [&](Tok t) {
            i_ += 1;
            push(t, start);
            return true;
        };
        switch (c) {
            case '(': return one(Tok::kLParen);
            case ')': return one(Tok::kRParen);
            case '[': return one(Tok::kLBracket);
            case ']': return one(Tok::kRBracket);
            case '{': return one(Tok::kLBrace);
            case '}': return one(Tok::kRBrace);
            case '.': return one(Tok::kDot);
            case ',': return one(Tok::kComma);
            case ':': return one(Tok::kColon);
            case '?': return one(Tok::kQuestion);
            case '+': return one(Tok::kPlus);
            case '-': return one(Tok::kMinus);
            case '*': return one(Tok::kStar);
            case '/': return one(Tok::kSlash);
            case '%': return one(Tok::kPercent);
            case '&':
                if (n == '&') return two(Tok::kAnd);
                break;
            case '|':
                if (n == '|') return two(Tok::kOr);
                break;
            case '!': return n == '=' ? two(Tok::kNe) : one(Tok::kNot);
            case '=':
                if (n == '=') return two(Tok::kEq);
                break;
            case '<': return n == '=' ? two(Tok::kLe) : one(Tok::kLt);
            case '>': return n == '=' ? two(Tok::kGe) : one(Tok::kGt);
            default: break;
        }
        return fail(start, std::string("unexpected character '") +
                               (c >= 0x20 && c < 0x7f ? std::string(1, c) : "?") + "'");
    }

    std::string_view src_;
    std::vector<Token>* out_;
    LexError* err_;
    std::size_t i_ = 0;
};

}  // namespace

bool lex(std::string_view source, std::vector<Token>* out, LexError* error) {
    std::size_t bad = 0;
    if (!valid_utf8(source, &bad)) {
        error->pos = static_cast<std::uint32_t>(bad);
        error->message = "invalid UTF-8 in source";
        return false;
    }
    return Lexer(source, out, error).run();
}

}  // namespace spmis::cel

#include "string_literal.hpp"

#include <cstdint>

#include "utf8.hpp"

namespace spmis::cel {
namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

struct Decoder {
    std::string_view src;
    bool bytes;
    std::string* out;
    std::string* error;
    std::size_t* error_pos;

    bool fail(std::size_t pos, const char* msg) const {
        *error = msg;
        *error_pos = pos;
        return false;
    }

    // Reads `count` hex digits at src[i]; -1 when they are not all hex.
    std::int64_t hex_digits(std::size_t i, int count) const {
        std::int64_t v = 0;
        for (int k = 0; k < count; ++k) {
            if (i + k >= src.size() || hex_value(src[i + k]) < 0) {
                return -1;
            }
            v = v * 16 + hex_value(src[i + k]);
        }
        return v;
    }

    // A byte value (from \x or octal): a raw byte in bytes, code point U+00XX in strings.
    void put_byte(std::uint32_t v) const {
        if (bytes) {
            out->push_back(static_cast<char>(v));
        } else {
            append_utf8(v, out);
        }
    }

    // Decodes the escape starting at src[i] == '\\'; advances i.
    bool escape(std::size_t* i) const {
        std::size_t at = *i;
        if (at + 1 >= src.size()) {
            return fail(at, "unterminated escape sequence");
        }
        char c = src[at + 1];
        *i = at + 2;
        switch (c) {
            case 'a': out->push_back('\a'); return true;
            case 'b': out->push_back('\b'); return true;
            case 'f': out->push_back('\f'); return true;
            case 'n': out->push_back('\n'); return true;
            case 'r': out->push_back('\r'); return true;
            case 't': out->push_back('\t'); return true;
            case 'v': out->push_back('\v'); return true;
            case '\\':
            case '\'':
            case '"':
            case '`':
            case '?': out->push_back(c); return true;
            case 'x':
            case 'X': {
                std::int64_t v = hex_digits(at + 2, 2);
                if (v < 0) return fail(at, "invalid \\x escape");
                *i = at + 4;
                put_byte(static_cast<std::uint32_t>(v));
                return true;
            }
            case 'u':
            case 'U': {
                int n = c == 'u' ? 4 : 8;
                std::int64_t v = hex_digits(at + 2, n);
                if (bytes) return fail(at, "unicode escape in bytes literal");
                if (v < 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
                    return fail(at, "invalid unicode escape");
                }
                *i = at + 2 + n;
                append_utf8(static_cast<std::uint32_t>(v), out);
                return true;
            }
            default: break;
        }
        if (c >= '0' && c <= '3' && at + 3 < src.size()) {
            char c2 = src[at + 2];
            char c3 = src[at + 3];
            if (c2 >= '0' && c2 <= '7' && c3 >= '0' && c3 <= '7') {
                *i = at + 4;
                put_byte(static_cast<std::uint32_t>((c - '0') * 64 + (c2 - '0') * 8 + (c3 - '0')));
                return true;
            }
        }
        return fail(at, "invalid escape sequence");
    }
};

}  // namespace

std::size_t decode_string_literal(std::string_view src, std::size_t quote, bool raw, bool bytes,
                                  std::string* out, std::string* error, std::size_t* error_pos) {
    char q = src[quote];
    bool triple = quote + 2 < src.size() && src[quote + 1] == q && src[quote + 2] == q;
    std::size_t i = quote + (triple ? 3 : 1);
    Decoder d{src, bytes, out, error, error_pos};
    while (true) {
        if (i >= src.size()) {
            d.fail(quote, "unterminated string literal");
            return 0;
        }
        char c = src[i];
        if (c == q && (!triple || (i + 2 < src.size() && src[i + 1] == q && src[i + 2] == q))) {
            return i + (triple ? 3 : 1);
        }
        if (!triple && (c == '\n' || c == '\r')) {
            d.fail(i, "newline in single-quoted string literal");
            return 0;
        }
        if (c == '\\' && !raw) {
            if (!d.escape(&i)) {
                return 0;
            }
            continue;
        }
        if (c == '\\' && raw && i + 1 < src.size() && src[i + 1] == q) {
            // A raw string still cannot end at an escaped quote: keep both characters.
            out->push_back(c);
            out->push_back(q);
            i += 2;
            continue;
        }
        out->push_back(c);
        ++i;
    }
}

}  // namespace spmis::cel

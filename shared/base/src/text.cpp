#include "spmis/base/text.hpp"

#include <utf8proc.h>

#include <cstdint>
#include <cstdlib>
#include <memory>

namespace spmis {
namespace {

// One decoded code point and its length in bytes; length 0 when the bytes are not valid UTF-8.
struct Decoded {
    std::uint32_t cp = 0;
    std::size_t length = 0;
};

// Length of the sequence led by b and the allowed range of its second byte; 0 when b cannot lead.
std::size_t sequence_length(std::uint8_t b, std::uint8_t& lo, std::uint8_t& hi) {
    lo = 0x80;
    hi = 0xBF;
    if (b < 0x80) return 1;
    if (b >= 0xC2 && b <= 0xDF) return 2;
    if (b >= 0xE0 && b <= 0xEF) {
        if (b == 0xE0) lo = 0xA0;  // overlong
        if (b == 0xED) hi = 0x9F;  // surrogates
        return 3;
    }
    if (b >= 0xF0 && b <= 0xF4) {
        if (b == 0xF0) lo = 0x90;  // overlong
        if (b == 0xF4) hi = 0x8F;  // above U+10FFFF
        return 4;
    }
    return 0;
}

Decoded decode(std::string_view s, std::size_t i) {
    std::uint8_t lo = 0;
    std::uint8_t hi = 0;
    const auto lead = static_cast<std::uint8_t>(s[i]);
    const std::size_t len = sequence_length(lead, lo, hi);
    if (len == 0 || i + len > s.size()) return {};
    std::uint32_t cp = len == 1 ? lead : lead & (0xFFu >> (len + 1));
    for (std::size_t k = 1; k < len; ++k) {
        const auto c = static_cast<std::uint8_t>(s[i + k]);
        if (c < (k == 1 ? lo : 0x80) || c > (k == 1 ? hi : 0xBF)) return {};
        cp = (cp << 6) | (c & 0x3Fu);
    }
    return {cp, len};
}

bool is_control(std::uint32_t cp) { return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F); }

bool is_direction_control(std::uint32_t cp) {
    return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

// Characters that show nothing: spaces, zero-width and other format characters, the byte order mark.
bool is_invisible(std::uint32_t cp) {
    return cp == ' ' || cp == 0xA0 || cp == 0xAD || cp == 0x034F || cp == 0x115F || cp == 0x1160 ||
           cp == 0x180E || (cp >= 0x2000 && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202F) ||
           (cp >= 0x205F && cp <= 0x206F) || cp == 0x3000 || cp == 0x3164 || cp == 0xFEFF || cp == 0xFFA0;
}

std::string control_reason(std::uint32_t cp) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string hex = "U+";
    for (int shift = 12; shift >= 0; shift -= 4) hex.push_back(kHex[(cp >> shift) & 0xF]);
    return cp == 0 ? "NUL character" : "control character " + hex;
}

}  // namespace

TextProblem find_text_problem(std::string_view text, TextKind kind) {
    for (std::size_t i = 0; i < text.size();) {
        const Decoded d = decode(text, i);
        if (d.length == 0) return {i, "invalid UTF-8"};
        const bool allowed_break =
            kind == TextKind::kMultiline && (d.cp == '\t' || d.cp == '\n' || d.cp == '\r');
        if (is_control(d.cp) && !allowed_break) return {i, control_reason(d.cp)};
        if (is_direction_control(d.cp)) return {i, "text direction override"};
        i += d.length;
    }
    return {};
}

Status check_text(std::string_view text, std::string_view field, TextKind kind) {
    const TextProblem p = find_text_problem(text, kind);
    if (p.ok()) return {};
    return make_error(ErrorCode::kInvalidArgument,
                      std::string(field) + ": " + p.reason + " at byte " + std::to_string(p.offset));
}

Status check_name(std::string_view text, std::string_view field) {
    SPMIS_RETURN_IF_ERROR(check_text(text, field));
    for (std::size_t i = 0; i < text.size();) {
        const Decoded d = decode(text, i);
        if (!is_invisible(d.cp)) return {};
        i += d.length;
    }
    return make_error(ErrorCode::kInvalidArgument,
                      std::string(field) + ": must show at least one visible character");
}

Status check_identifier(std::string_view text, std::string_view field) {
    SPMIS_RETURN_IF_ERROR(check_name(text, field));
    for (std::size_t i = 0; i < text.size();) {
        const Decoded d = decode(text, i);
        if (is_invisible(d.cp))
            return make_error(ErrorCode::kInvalidArgument,
                              std::string(field) +
                                  ": spaces and invisible characters are not allowed "
                                  "(byte " +
                                  std::to_string(i) + ")");
        i += d.length;
    }
    return {};
}

std::string to_nfc(std::string_view text) {
    // ASCII is already in every normal form: skip the library (and its allocation) for it.
    bool ascii = true;
    for (char c : text) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
    if (ascii || !is_valid_utf8(text)) return std::string(text);
    utf8proc_uint8_t* composed = nullptr;
    const utf8proc_ssize_t n = utf8proc_map(
        reinterpret_cast<const utf8proc_uint8_t*>(text.data()), static_cast<utf8proc_ssize_t>(text.size()),
        &composed, static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
    std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owned(composed, &std::free);
    if (n < 0) return std::string(text);
    return std::string(reinterpret_cast<const char*>(composed), static_cast<std::size_t>(n));
}

bool is_valid_utf8(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        const Decoded d = decode(text, i);
        if (d.length == 0) return false;
        i += d.length;
    }
    return true;
}

}  // namespace spmis

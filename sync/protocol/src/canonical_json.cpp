#include "canonical_json.hpp"

#include <array>
#include <charconv>

namespace spmis::sync::canonical {
namespace {

using nlohmann::json;

bool continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// Length of the well-formed UTF-8 sequence starting at text[i] (RFC 3629: no overlong forms, no
// surrogates, nothing above U+10FFFF), or 0 when it is not well formed.
std::size_t sequence_length(std::string_view text, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[i + k]); };
    const unsigned char lead = byte(0);
    const std::size_t left = text.size() - i;
    if (lead >= 0xC2 && lead <= 0xDF) return left >= 2 && continuation(byte(1)) ? 2 : 0;
    if (lead >= 0xE0 && lead <= 0xEF) {
        if (left < 3 || !continuation(byte(1)) || !continuation(byte(2))) return 0;
        if (lead == 0xE0 && byte(1) < 0xA0) return 0;  // overlong
        if (lead == 0xED && byte(1) > 0x9F) return 0;  // surrogate
        return 3;
    }
    if (lead >= 0xF0 && lead <= 0xF4) {
        if (left < 4 || !continuation(byte(1)) || !continuation(byte(2)) || !continuation(byte(3))) return 0;
        if (lead == 0xF0 && byte(1) < 0x90) return 0;  // overlong
        if (lead == 0xF4 && byte(1) > 0x8F) return 0;  // above U+10FFFF
        return 4;
    }
    return 0;
}

// The escape nlohmann writes for an ASCII byte, or nullptr when the byte is written as is.
const char* short_escape(unsigned char c) {
    switch (c) {
        case '"': return "\\\"";
        case '\\': return "\\\\";
        case '\b': return "\\b";
        case '\f': return "\\f";
        case '\n': return "\\n";
        case '\r': return "\\r";
        case '\t': return "\\t";
        default: return nullptr;
    }
}

void append_control(std::string& out, unsigned char c) {
    static constexpr char kHex[] = "0123456789abcdef";
    out.append("\\u00");
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 0xF]);
}

}  // namespace

void append_string(std::string& out, std::string_view text) {
    const std::size_t start = out.size();
    out.push_back('"');
    std::size_t i = 0;
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x80) {
            const std::size_t n = sequence_length(text, i);
            if (n == 0) {
                // Ill-formed UTF-8 is rare (parsed JSON never holds it): nlohmann decides the bytes.
                out.resize(start);
                out += json(std::string(text)).dump(-1, ' ', false, json::error_handler_t::replace);
                return;
            }
            out.append(text.substr(i, n));
            i += n;
            continue;
        }
        if (const char* escape = short_escape(c)) {
            out.append(escape);
        } else if (c < 0x20) {
            append_control(out, c);
        } else {
            out.push_back(static_cast<char>(c));
        }
        ++i;
    }
    out.push_back('"');
}

void append_integer(std::string& out, std::int64_t value) {
    std::array<char, 24> buffer{};
    auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
    out.append(buffer.data(), end);
}

void append_unsigned(std::string& out, std::uint64_t value) {
    std::array<char, 24> buffer{};
    auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
    out.append(buffer.data(), end);
}

void append_value(std::string& out, const json& value) {
    switch (value.type()) {
        case json::value_t::null: out.append("null"); return;
        case json::value_t::boolean: out.append(value.get<bool>() ? "true" : "false"); return;
        case json::value_t::number_integer: append_integer(out, value.get<std::int64_t>()); return;
        case json::value_t::number_unsigned: append_unsigned(out, value.get<std::uint64_t>()); return;
        case json::value_t::string: append_string(out, value.get_ref<const std::string&>()); return;
        case json::value_t::object: {
            out.push_back('{');
            bool first = true;
            for (const auto& [key, member] : value.get_ref<const json::object_t&>()) {
                if (!first) out.push_back(',');
                first = false;
                append_string(out, key);
                out.push_back(':');
                append_value(out, member);
            }
            out.push_back('}');
            return;
        }
        case json::value_t::array: {
            out.push_back('[');
            bool first = true;
            for (const auto& item : value.get_ref<const json::array_t&>()) {
                if (!first) out.push_back(',');
                first = false;
                append_value(out, item);
            }
            out.push_back(']');
            return;
        }
        default:
            // Floats (never in a valid operation) and binary values: nlohmann's own text.
            out += value.dump(-1, ' ', false, json::error_handler_t::replace);
            return;
    }
}

}  // namespace spmis::sync::canonical

#include "spmis/base/text_fold.hpp"

#include <cstdint>

namespace spmis {
namespace {

// Base letters of U+00C0..U+00FF ('*' keeps the code point: multiplication and division signs;
// '1' to '4' stand for the two-letter folds below).
constexpr std::string_view kLatin1 = "aaaaaa1ceeeeiiiidnooooo*ouuuuyt2aaaaaa1ceeeeiiiidnooooo*ouuuuyty";
// Base letters of U+0100..U+017F, in code point order ('3' is œ, '4' is ĳ).
constexpr std::string_view kExtendedA =
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii44jjkkkllllllllllnnnnnnnnnoooooo33rrrrrrssssssss"
    "ttttttuuuuuuuuuuuuwwyyyzzzzzzs";

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

void append_folded(std::string& out, std::uint32_t cp) {
    char base = 0;
    if (cp >= 'A' && cp <= 'Z') {
        base = static_cast<char>(cp - 'A' + 'a');
    } else if (cp >= 0xC0 && cp <= 0xFF) {
        base = kLatin1[cp - 0xC0];
    } else if (cp >= 0x100 && cp <= 0x17F) {
        base = kExtendedA[cp - 0x100];
    }
    switch (base) {
        case 0:
        case '*': append_utf8(out, cp); return;
        case '1': out += "ae"; return;
        case '2': out += "ss"; return;
        case '3': out += "oe"; return;
        case '4': out += "ij"; return;
        default: out.push_back(base);
    }
}

}  // namespace

std::string fold_for_search(std::string_view in) {
    std::string out;
    out.reserve(in.size());
    std::size_t i = 0;
    while (i < in.size()) {
        auto b = static_cast<unsigned char>(in[i]);
        int len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
        if (len == 0 || i + static_cast<std::size_t>(len) > in.size()) {
            ++i;  // invalid lead byte or truncated sequence: dropped
            continue;
        }
        std::uint32_t cp = len == 1 ? b : b & (0x7F >> len);
        bool valid = true;
        for (int k = 1; k < len; ++k) {
            auto c = static_cast<unsigned char>(in[i + static_cast<std::size_t>(k)]);
            if ((c & 0xC0) != 0x80) valid = false;
            cp = (cp << 6) | (c & 0x3F);
        }
        i += valid ? static_cast<std::size_t>(len) : 1;
        if (valid) append_folded(out, cp);
    }
    return out;
}

std::vector<std::string> name_word_keys(const std::string& folded) {
    std::vector<std::string> keys;
    for (std::size_t at = 0; at < folded.size(); ++at) {
        if (folded[at] != ' ' && (at == 0 || folded[at - 1] == ' ')) keys.push_back(folded.substr(at));
    }
    return keys;
}

}  // namespace spmis

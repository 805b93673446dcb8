#include "text/stored_text_problems.hpp"

#include <algorithm>

#include "spmis/base/text.hpp"

namespace spmis::store {

std::optional<std::string> unclean_text_problem(std::string_view text) {
    const TextProblem p = find_text_problem(text, TextKind::kLine);
    if (p.ok()) return std::nullopt;
    return p.reason + " at byte " + std::to_string(p.offset);
}

std::optional<std::string> nfc_problem(std::string_view text) {
    const std::string nfc = to_nfc(text);
    if (nfc == text) return std::nullopt;
    // The first byte that differs, moved back to the start of its character.
    std::size_t at = static_cast<std::size_t>(
        std::mismatch(text.begin(), text.end(), nfc.begin(), nfc.end()).first - text.begin());
    while (at > 0 && at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) --at;
    return "not in normal form C (NFC) at byte " + std::to_string(at);
}

}  // namespace spmis::store

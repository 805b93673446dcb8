#include "utf8.hpp"

namespace spmis::credential {
namespace {

// Length of the sequence led by b and the allowed range of its second byte; 0 when b cannot lead.
int sequence_length(std::uint8_t b, std::uint8_t& lo, std::uint8_t& hi) {
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

}  // namespace

bool is_valid_utf8(const std::uint8_t* data, std::size_t n) {
    std::size_t i = 0;
    while (i < n) {
        std::uint8_t lo = 0;
        std::uint8_t hi = 0;
        int len = sequence_length(data[i], lo, hi);
        if (len == 0 || i + len > n) return false;
        for (int k = 1; k < len; ++k) {
            std::uint8_t c = data[i + k];
            std::uint8_t min = k == 1 ? lo : 0x80;
            std::uint8_t max = k == 1 ? hi : 0xBF;
            if (c < min || c > max) return false;
        }
        i += len;
    }
    return true;
}

}  // namespace spmis::credential

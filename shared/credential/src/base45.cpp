#include "spmis/credential/base45.hpp"

#include <algorithm>
#include <array>

namespace spmis::credential {
namespace {

constexpr std::string_view kAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
constexpr int kBase = 45;

// Reverse lookup: -1 for characters outside the alphabet.
constexpr std::array<int, 256> make_reverse() {
    std::array<int, 256> table{};
    for (int& v : table) v = -1;
    for (std::size_t i = 0; i < kAlphabet.size(); ++i) {
        table[static_cast<unsigned char>(kAlphabet[i])] = static_cast<int>(i);
    }
    return table;
}
constexpr std::array<int, 256> kReverse = make_reverse();

}  // namespace

std::string base45_encode(const Bytes& data) {
    std::string out;
    out.reserve(data.size() / 2 * 3 + 2);
    std::size_t i = 0;
    for (; i + 1 < data.size(); i += 2) {
        unsigned n = data[i] * 256U + data[i + 1];
        out.push_back(kAlphabet[n % kBase]);
        out.push_back(kAlphabet[n / kBase % kBase]);
        out.push_back(kAlphabet[n / (kBase * kBase)]);
    }
    if (i < data.size()) {
        unsigned n = data[i];
        out.push_back(kAlphabet[n % kBase]);
        out.push_back(kAlphabet[n / kBase]);
    }
    return out;
}

Result<Bytes> base45_decode(std::string_view text) {
    if (text.size() % 3 == 1) {
        return make_error(ErrorCode::kInvalidArgument, "base45: length mod 3 == 1");
    }
    Bytes out;
    out.reserve(text.size() / 3 * 2 + 1);
    for (std::size_t i = 0; i < text.size(); i += 3) {
        std::size_t len = std::min<std::size_t>(3, text.size() - i);
        unsigned n = 0;
        unsigned scale = 1;
        for (std::size_t k = 0; k < len; ++k) {
            int v = kReverse[static_cast<unsigned char>(text[i + k])];
            if (v < 0) return make_error(ErrorCode::kInvalidArgument, "base45: character outside alphabet");
            n += static_cast<unsigned>(v) * scale;
            scale *= kBase;
        }
        if (len == 3) {
            if (n > 0xFFFF) return make_error(ErrorCode::kInvalidArgument, "base45: triplet above 0xFFFF");
            out.push_back(static_cast<std::uint8_t>(n >> 8));
            out.push_back(static_cast<std::uint8_t>(n & 0xFF));
        } else {
            if (n > 0xFF) return make_error(ErrorCode::kInvalidArgument, "base45: pair above 0xFF");
            out.push_back(static_cast<std::uint8_t>(n));
        }
    }
    return out;
}

}  // namespace spmis::credential

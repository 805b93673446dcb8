#include <qrencode.h>

#include <memory>

#include "spmis/credential/qr.hpp"

namespace spmis::credential {
namespace {

struct InputFree {
    void operator()(QRinput* p) const { QRinput_free(p); }
};
struct CodeFree {
    void operator()(QRcode* p) const { QRcode_free(p); }
};

bool is_alphanumeric(std::string_view text) {
    constexpr std::string_view kSet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
    return text.find_first_not_of(kSet) == std::string_view::npos;
}

// The smallest symbol at this level holding the text as a single alphanumeric segment.
std::unique_ptr<QRcode, CodeFree> encode_at(std::string_view text, QRecLevel level) {
    std::unique_ptr<QRinput, InputFree> input(QRinput_new2(0, level));
    if (!input) return nullptr;
    const auto* data = reinterpret_cast<const unsigned char*>(text.data());
    if (QRinput_append(input.get(), QR_MODE_AN, static_cast<int>(text.size()), data) != 0) return nullptr;
    return std::unique_ptr<QRcode, CodeFree>(QRcode_encodeInput(input.get()));
}

}  // namespace

Result<QrMatrix> qr_encode(std::string_view text) {
    if (!is_alphanumeric(text)) {
        return make_error(ErrorCode::kInvalidArgument, "qr: text outside the alphanumeric set");
    }
    QrMatrix m;
    auto code = encode_at(text, QR_ECLEVEL_Q);
    if (!code || code->version > tuning::kQrMaxVersionAtQ) {
        code = encode_at(text, QR_ECLEVEL_M);
        m.level = QrLevel::kM;
    }
    if (!code) return make_error(ErrorCode::kInvalidArgument, "qr: text too long for a QR code");
    m.version = code->version;
    m.width = code->width;
    m.modules.resize(static_cast<std::size_t>(m.width) * m.width);
    for (std::size_t i = 0; i < m.modules.size(); ++i) m.modules[i] = code->data[i] & 1;
    return m;
}

}  // namespace spmis::credential

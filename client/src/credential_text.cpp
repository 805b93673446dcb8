#include "credential_text.hpp"

#include "spmis/credential/qr.hpp"
#include "spmis/sync/device_credentials.hpp"

namespace spmis::field {

bool looks_like_credential(const std::string& text) {
    return text.size() > 4 && text.substr(0, 3) == "SPP" && text.find(':') != std::string::npos &&
           text.find(':') <= 5;
}

Result<std::string> scanned_text(const std::string& text, const std::string& image) {
    if (text.empty() == image.empty())
        return make_error(ErrorCode::kInvalidArgument, "give either the scanned TEXT or --image FILE");
    if (!text.empty()) return text;
    auto decoded = credential::qr_decode_png_file(image);
    if (!decoded.ok()) {
        return make_error(ErrorCode::kInvalidArgument,
                          "no readable QR code in " + image + ": " + decoded.status().message());
    }
    return decoded;
}

Result<credential::VerifyResult> accepted_credential(const sync::DeviceStore& store, const std::string& text,
                                                     UtcTime now) {
    SPMIS_ASSIGN_OR_RETURN(auto result, sync::verify_on_device(store, text, now));
    if (!result.ok()) {
        std::string code(credential::verify_code_name(result.code));
        return make_error(ErrorCode::kRefused, "credential refused: " + code +
                                                   (result.detail.empty() ? "" : " (" + result.detail + ")"));
    }
    return result;
}

}  // namespace spmis::field

#pragma once
// Scanned credential input shared by `credential verify`, `find` and `redeem`.

#include <string>

#include "spmis/base/status.hpp"
#include "spmis/credential/verify.hpp"
#include "spmis/sync/device_store.hpp"

namespace spmis::field {

// True when the text looks like a scanned SPP1 credential (any "SPPn:" style prefix counts so the
// verifier can answer UNSUPPORTED precisely).
bool looks_like_credential(const std::string& text);
// The text to verify: `text`, or the QR code read from the PNG `image`. kInvalidArgument when
// neither or both are given or the image holds no readable code.
Result<std::string> scanned_text(const std::string& text, const std::string& image);
// Verifies a scanned text on this device; kRefused naming the code unless it is OK.
Result<credential::VerifyResult> accepted_credential(const sync::DeviceStore& store, const std::string& text,
                                                     UtcTime now);

}  // namespace spmis::field

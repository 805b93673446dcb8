#pragma once
// Small helpers shared by the device store's source files.

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "spmis/base/status.hpp"
#include "spmis/sync/pulled_records.hpp"

namespace spmis::sync::device {

// Drops the row count of a write, keeping its status.
inline Status discard(const Result<std::int64_t>& r) { return r.status(); }

// A held pulled record read back through the protocol's decoder, so the device reads only what the
// protocol says; kCorrupt when the stored copy no longer decodes.
inline Result<PulledData> decode_held(const std::string& kind, const std::string& text) {
    nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded()) return make_error(ErrorCode::kCorrupt, "pulled " + kind + " is not JSON");
    auto data = decode_pulled(kind, j);
    if (!data.ok()) return make_error(ErrorCode::kCorrupt, "pulled " + kind + ": " + data.status().message());
    return data;
}

}  // namespace spmis::sync::device

#pragma once
// Small helpers shared by the device store's source files.

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "spmis/base/status.hpp"
#include "spmis/sqlite/connection.hpp"
#include "spmis/sync/pulled_records.hpp"

namespace spmis::sync::device {

using ::spmis::sqlite::Connection;
using ::spmis::sqlite::query;
using ::spmis::sqlite::query_int;
using ::spmis::sqlite::query_one;
using ::spmis::sqlite::Row;
using ::spmis::sqlite::run;
using ::spmis::sqlite::run_counted;

// Reads one text column.
inline std::string read_text(Row& r) { return r.text(); }

// A pulled record as held: its id and its JSON text.
struct HeldRow {
    std::string id;
    std::string data;
};
inline HeldRow read_held_row(Row& r) { return HeldRow{r.text(), r.text()}; }

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

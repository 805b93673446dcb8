#pragma once
// Small helpers shared by the device store's source files.

#include <cstdint>
#include <string>

#include "spmis/base/status.hpp"

namespace spmis::sync::device {

// Drops the row count of a write, keeping its status.
inline Status discard(const Result<std::int64_t>& r) { return r.status(); }

}  // namespace spmis::sync::device

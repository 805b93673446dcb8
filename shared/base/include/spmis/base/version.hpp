#pragma once
// The product version, shared by both binaries.

namespace spmis {

inline constexpr const char* kVersion = "0.1.0";

}  // namespace spmis

#pragma once
// The sync protocol's version. sync/PROTOCOL.md specifies the wire format; bump this on any change
// a peer can observe and say what changed:
//   1 — first version: JSON operations, SHA-256 hash chain, Ed25519 batch signatures.

#include <cstdint>

namespace spmis::sync {

inline constexpr std::int64_t kProtocolVersion = 1;

}  // namespace spmis::sync

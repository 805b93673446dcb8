#pragma once
// The sync protocol's version. sync/PROTOCOL.md specifies the wire format; bump this on any change
// a peer can observe and say what changed:
//   1 — first version: JSON operations, SHA-256 hash chain, Ed25519 batch signatures.

#include <chrono>
#include <cstddef>
#include <cstdint>

namespace spmis::sync {

inline constexpr std::int64_t kProtocolVersion = 1;

// An operation's JSON nests at most this many levels (the operation object is level 1, its payload
// level 2): bounds the recursive walks over payloads (copy, float check, canonical encoding) so a
// hostile body gets an error, never a stack overflow (PROTOCOL.md section 1).
inline constexpr int kOperationMaxDepth = 32;

// A sync request body nests at most this many levels (a push holds its operations two levels down).
// Checked on the text before parsing, so a deep body never becomes a deep JSON tree.
inline constexpr int kMessageMaxDepth = kOperationMaxDepth + 2;

}  // namespace spmis::sync

// The wire limits: both sides hold them, so they are part of the protocol (PROTOCOL.md section 9).
namespace spmis::tuning {

// Sync: at most this many records in one pull page (the byte budget usually cuts it first).
inline constexpr std::size_t kPullMaxRecords = 500;
// Sync: at most this many operations in one push.
inline constexpr std::size_t kPushMaxOperations = 500;
// Trust list served over sync: how long a pulled list stays fresh, and how long a device key may sign.
inline constexpr std::chrono::seconds kTrustListLifetime{30 * 24 * 60 * 60};
inline constexpr std::chrono::seconds kTrustedKeyLifetime{5LL * 365 * 24 * 60 * 60};

}  // namespace spmis::tuning

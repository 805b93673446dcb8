#pragma once
// Tunables of the server store (SQLite): connection settings and the WAL checkpointer.

#include <chrono>
#include <cstddef>
#include <cstdint>

namespace spmis::tuning {

// Store
inline constexpr int kSqliteBusyTimeoutMs = 10'000;
inline constexpr int kSqliteCacheSizeKib = 64 * 1024;
// The server's sync store checkpoints its WAL in the background (store::WalCheckpointer): a PASSIVE
// checkpoint this often, or when the WAL file grew by this much; a RESTART (which waits for the
// writer) when the WAL in use passes the hard size. The writer's own checkpoint is only a backstop,
// at this many pages (4 KiB each).
inline constexpr std::chrono::milliseconds kWalCheckpointInterval{100};
inline constexpr std::int64_t kWalCheckpointBytes = 16LL << 20;
inline constexpr std::int64_t kWalCheckpointHardBytes = 64LL << 20;
inline constexpr int kWalBackstopCheckpointPages = 64 * 1024;

}  // namespace spmis::tuning

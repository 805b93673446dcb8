#pragma once
// Tunables of the server's HTTP listener (cpprest) and its worker pool.

#include <chrono>
#include <cstddef>
#include <cstdint>

namespace spmis::tuning {

// Server HTTP (server/http, server/api)
// cpprest's listener pool: its callbacks never block, so a few threads carry many connections.
inline constexpr std::size_t kHttpListenerThreads = 4;
// The server's own workers run handlers (SQLite, argon2); about twice the cores.
inline constexpr std::size_t kHttpWorkerThreads = 8;
// Requests waiting for a worker beyond this are answered 503 at once instead of queueing forever.
inline constexpr std::size_t kHttpMaxQueuedRequests = 4096;
inline constexpr std::size_t kHttpMaxBodyBytes = 8 * 1024 * 1024;
// On SIGTERM, in-flight requests get this long to finish before the listener is closed anyway.
inline constexpr std::chrono::milliseconds kHttpDrainTimeout{5'000};
// Port 0: a free port is picked by binding a probe socket; retried when another process wins the race.
inline constexpr int kHttpPortPickAttempts = 8;
inline constexpr std::size_t kHttpMaxRequestIdLength = 64;

}  // namespace spmis::tuning

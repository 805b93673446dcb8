#pragma once
// Every tunable of spmis in one place, as named constants. Change here, nowhere else.

#include <chrono>
#include <cstddef>
#include <cstdint>

namespace spmis::tuning {

// Store
inline constexpr int kSqliteBusyTimeoutMs = 10'000;
inline constexpr int kSqliteCacheSizeKib = 64 * 1024;
inline constexpr std::size_t kImportBatchRows = 5'000;

// Registry import progress: print every this many rows.
inline constexpr std::size_t kImportProgressEvery = 10'000;

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

// Staff authentication (server/auth)
inline constexpr std::chrono::seconds kSessionLifetime{12 * 3600};
inline constexpr std::size_t kSessionTokenBytes = 32;
inline constexpr std::size_t kMinPasswordLength = 8;
// Failed logins allowed per username (and per address) before each further one locks it out.
inline constexpr int kLoginFreeFailuresPerUser = 5;
inline constexpr int kLoginFreeFailuresPerAddress = 20;
// Lockout after the free failures: base * 2^(extra failures), capped.
inline constexpr std::chrono::seconds kLoginLockoutBase{1};
inline constexpr std::chrono::seconds kLoginLockoutMax{15 * 60};
// Failures older than this (counted from the latest one) are forgotten.
inline constexpr std::chrono::seconds kLoginFailureWindow{60 * 60};

}  // namespace spmis::tuning

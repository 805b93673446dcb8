#pragma once
// Tunables of staff authentication: sessions, passwords and login lockout.

#include <chrono>
#include <cstddef>
#include <cstdint>

namespace spmis::tuning {

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

#pragma once
// Tunables of the JSON API routes.

#include <chrono>
#include <cstddef>
#include <cstdint>

namespace spmis::tuning {

// Sync over HTTP: a gzip request body may inflate to at most this many bytes (zip-bomb bound).
inline constexpr std::size_t kSyncMaxInflatedBytes = 64 * 1024 * 1024;
// Sync over HTTP: enrollment codes are valid this long unless the request says otherwise.
inline constexpr int kEnrollmentCodeDefaultHours = 24;
// Membership lists over the API: default and largest page.
inline constexpr std::size_t kMembershipPageDefault = 100;
inline constexpr std::size_t kMembershipPageMax = 1000;

}  // namespace spmis::tuning

#pragma once
// Tunables of SPP1 credentials (shared/CREDENTIALS.md): the bounds a verifier holds and the QR size.

#include <chrono>
#include <cstddef>
#include <cstdint>

namespace spmis::tuning {

// Credentials (SPP1 signed QR, see shared/CREDENTIALS.md)
// Longest scanned text a verifier accepts, in characters (after the one trailing newline).
inline constexpr std::size_t kCredentialMaxTextChars = 2'000;
// Cap of zlib inflation of a scanned credential, in bytes.
inline constexpr std::size_t kCredentialMaxInflatedBytes = 4 * 1024;
// Nesting depth the CBOR decoder accepts in a credential.
inline constexpr int kCredentialMaxCborDepth = 16;
// Clock skew tolerated when comparing nbf/iat with the verifier's clock, in seconds.
inline constexpr std::int64_t kCredentialClockSkewSeconds = 300;
// Highest QR version rendered at error correction Q; above it we fall back to M (never L).
inline constexpr int kQrMaxVersionAtQ = 15;
// PNG: pixels per QR module. 4 dots at 203 dpi = 0.5 mm, so a version 15 code with its quiet zone
// (85 modules = 340 dots = 42.5 mm) fits the 48 mm (384-dot) printable width of a 58 mm printer.
inline constexpr int kQrModulePixels = 4;
// Quiet zone around the symbol, in modules (the QR standard's minimum).
inline constexpr int kQrQuietZoneModules = 4;
// Largest inflated Token Status List a verifier holds, in bytes (8 M entries at 1 bit).
inline constexpr std::size_t kStatusListMaxBytes = 1024 * 1024;

}  // namespace spmis::tuning

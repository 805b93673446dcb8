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

// Demo data: households written per transaction (bigger = faster, but a larger write-ahead log).
inline constexpr std::size_t kDemoBatchHouseholds = 20'000;

// CEL rule engine
// Longest rule source accepted, in bytes; longer input is refused before lexing.
inline constexpr std::size_t kCelMaxSourceBytes = 1 << 20;
// Deepest expression nesting accepted by the parser (bounds recursion in parser and evaluator).
inline constexpr int kCelMaxNestingDepth = 250;
// Tallest expression tree accepted (long operator chains), bounding evaluator recursion.
inline constexpr std::uint32_t kCelMaxTreeHeight = 500;
// Maps larger than this get a hash index; smaller ones are searched linearly.
inline constexpr std::size_t kCelMapIndexThreshold = 16;
// Regular expressions compiled at run time are cached per program up to this many.
inline constexpr std::size_t kCelRegexCacheSize = 64;
// Batch evaluation: registrants per work chunk handed to a thread, and errors kept in the report.
inline constexpr std::size_t kCelBatchChunk = 4096;
inline constexpr std::size_t kCelBatchMaxReportedErrors = 5;

}  // namespace spmis::tuning

namespace spmis::tuning {

// Sync: how far a device's wall clock may stray from the time its evidence implies before the
// operation is flagged (never reordered: clocks are claims).
inline constexpr std::chrono::minutes kClockSkewTolerance{15};

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

namespace spmis::tuning {

// Sync: at most this many records in one pull page (the byte budget usually cuts it first).
inline constexpr std::size_t kPullMaxRecords = 500;
// Sync: at most this many operations in one push.
inline constexpr std::size_t kPushMaxOperations = 500;

}  // namespace spmis::tuning

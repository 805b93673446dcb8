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
// Comprehension iterations allowed in one evaluation; beyond it the result is an error, so
// nested macros over literal lists cannot run for hours.
inline constexpr std::uint64_t kCelMaxIterations = 1'000'000;
// Largest string or bytes value and longest list an evaluation may build (beyond: an error
// value, so doubling tricks cannot exhaust memory).
inline constexpr std::size_t kCelMaxStringBytes = 16 << 20;
inline constexpr std::size_t kCelMaxListElements = 1 << 20;
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

namespace spmis::tuning {

// Field device (spmis-field): push batches, pull pages, retries and HTTP limits.
inline constexpr std::size_t kFieldPushBatchOps = 200;
inline constexpr std::int64_t kFieldPullByteBudget = 512 * 1024;
// Re-pulls from cursor 0 in one round when the scope checksum differs (then the next round retries).
inline constexpr int kFieldMaxRepullsPerRound = 1;
inline constexpr std::chrono::milliseconds kFieldBackoffInitial{1'000};
inline constexpr std::chrono::milliseconds kFieldBackoffMax{5 * 60 * 1'000};
inline constexpr int kFieldRetryAttempts = 5;
inline constexpr std::chrono::seconds kFieldWatchInterval{60};
inline constexpr long kFieldHttpConnectTimeoutS = 10;
inline constexpr long kFieldHttpTimeoutS = 120;
// Request bodies at least this large are sent gzip-compressed.
inline constexpr std::size_t kFieldGzipMinBytes = 1024;
// Responses larger than this are refused (a bounded client).
inline constexpr std::size_t kFieldMaxResponseBytes = 64 * 1024 * 1024;

// Sync over HTTP: a gzip request body may inflate to at most this many bytes (zip-bomb bound).
inline constexpr std::size_t kSyncMaxInflatedBytes = 64 * 1024 * 1024;
// Sync over HTTP: enrollment codes are valid this long unless the request says otherwise.
inline constexpr int kEnrollmentCodeDefaultHours = 24;

}  // namespace spmis::tuning

namespace spmis::tuning {

// Trust list served over sync: how long a pulled list stays fresh, and how long a device key may sign.
inline constexpr std::chrono::seconds kTrustListLifetime{30 * 24 * 60 * 60};
inline constexpr std::chrono::seconds kTrustedKeyLifetime{5LL * 365 * 24 * 60 * 60};

}  // namespace spmis::tuning

namespace spmis::tuning {

// Enrollment jobs: writes per committed batch (other writers get the database between batches),
// and how often an unbatched enrollment operation reports progress.
inline constexpr std::size_t kJobBatchSize = 2000;
inline constexpr std::size_t kEnrollmentProgressStep = 1000;
// The job worker sleeps this long after each batch so that requests waiting for the store get it.
inline constexpr std::chrono::milliseconds kJobBatchPause{2};
// Membership lists over the API: default and largest page.
inline constexpr std::size_t kMembershipPageDefault = 100;
inline constexpr std::size_t kMembershipPageMax = 1000;
// Entitlement expiry: the server marks expired entitlements at start-up and then this often.
inline constexpr std::chrono::seconds kEntitlementExpiryInterval{60 * 60};

}  // namespace spmis::tuning

namespace spmis::tuning {

// The server's sync store checkpoints its WAL in the background (store::WalCheckpointer): a PASSIVE
// checkpoint this often, or when the WAL file grew by this much; a RESTART (which waits for the
// writer) when the WAL in use passes the hard size. The writer's own checkpoint is only a backstop,
// at this many pages (4 KiB each).
inline constexpr std::chrono::milliseconds kWalCheckpointInterval{100};
inline constexpr std::int64_t kWalCheckpointBytes = 16LL << 20;
inline constexpr std::int64_t kWalCheckpointHardBytes = 64LL << 20;
inline constexpr int kWalBackstopCheckpointPages = 64 * 1024;

}  // namespace spmis::tuning

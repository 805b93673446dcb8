#pragma once
// The single table of error codes. Numbers are stable: they travel on the wire (sync answers,
// HTTP error bodies) and map to CLI exit codes. Append only; never renumber.

#include <cstdint>
#include <string_view>

namespace spmis {

enum class ErrorCode : std::uint16_t {
    kOk = 0,
    kInvalidArgument = 1,     // malformed input: bad JSON, CSV, date, id
    kNotFound = 2,            // unknown id
    kAlreadyExists = 3,       // unique key taken
    kIllegalTransition = 4,   // a state machine refused a transition
    kConflict = 5,            // compare-and-set failed, fork, concurrent change
    kPermissionDenied = 6,    // role or scope without the right
    kUnauthenticated = 7,     // missing, expired or revoked credentials
    kFailedPrecondition = 8,  // the system is not in a state that allows the call
    kResourceExhausted = 9,   // a limit: body size, budget, rate
    kStorage = 10,            // SQLite or file-system failure
    kSchemaTooNew = 11,       // database written by a newer version
    kNetwork = 12,            // transport failure
    kCorrupt = 13,            // checksum, signature or hash-chain mismatch
    kRuleError = 14,          // CEL compile or evaluation error
    kInternal = 15,           // a bug: an invariant did not hold
    kRefused = 16,            // a business rule refused the request (e.g. over-redemption)
};

// Stable lower_snake name of a code, used in JSON error bodies ("not_found").
std::string_view error_code_name(ErrorCode code);

// Exit code of the command-line tools for an error: 0 ok, 1 refused by a rule, 2 bad usage or
// input, 3 network or server, 4 local store problem.
int exit_code_for(ErrorCode code);

// HTTP status that the server answers for an error (400, 404, 409, ...).
int http_status_for(ErrorCode code);

}  // namespace spmis

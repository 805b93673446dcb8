#pragma once
// A fast reader of the usual push body, straight into a PushRequest without a JSON tree (only each
// operation's payload and base become trees). It handles the plain shape devices send and answers
// nullopt for anything else (escapes or non-ASCII outside payload/base, unknown or repeated members,
// floats, nesting deeper than kOperationMaxDepth, malformed text); the caller then uses the full
// parser, whose answers and errors stay the reference. When it answers, the request equals
// push_request_from_json(json::parse(body)) and its protocol version is the one the server speaks
// (fuzzed differentially: tests/fuzz/push_fuzz.cpp).

#include <optional>
#include <string_view>

#include "spmis/sync/messages.hpp"

namespace spmis::sync {

// The push request in `body`, or nullopt when the full parser must decide.
std::optional<PushRequest> read_push_fast(std::string_view body);

}  // namespace spmis::sync

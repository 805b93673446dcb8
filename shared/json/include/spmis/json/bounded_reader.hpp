#pragma once
// The one JSON reader for text from outside: it proves the text within limits (nesting, number of
// values, string length, total size) and its strings clean (valid UTF-8, no NUL or control
// characters) in a pass that builds nothing, and only then builds the tree. A hostile body of a few
// megabytes of brackets therefore costs a scan, never gigabytes of nested values.

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string_view>

#include "spmis/base/status.hpp"

namespace spmis::json {

// What one document may hold. The defaults suit every request body of the API.
struct JsonLimits {
    int max_depth = 32;                       // {} and [] levels; a top-level object is level 1
    std::size_t max_values = 200'000;         // every value, key and container counted once
    std::size_t max_string_bytes = 1 << 20;   // one string or key
    std::size_t max_total_bytes = 64u << 20;  // the whole text
};

// The tree of `text`, or kInvalidArgument saying what is wrong (malformed JSON with its byte
// position, a limit passed, or a string that is not clean text, naming its key) before any tree is
// built. Never throws.
Result<nlohmann::json> read_bounded_json(std::string_view text, const JsonLimits& limits = {});

// The same check without building the tree (for readers that parse the text themselves).
Status check_bounded_json(std::string_view text, const JsonLimits& limits = {});

// The compact text of `value`; kInternal instead of an exception when a string in it is not valid
// UTF-8 (stored text is checked at every door, so this reports a bug or an old row).
Result<std::string> dump_json(const nlohmann::json& value);

}  // namespace spmis::json

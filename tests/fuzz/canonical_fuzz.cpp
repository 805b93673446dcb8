// Differential libFuzzer target for the canonical encoder (sync/protocol/src/canonical_json.cpp), which
// writes the hashed bytes directly and promises nlohmann's dump(-1, ' ', false, replace) of the same
// value. The input is used twice: its raw bytes as a string (and as an object key), ill-formed
// UTF-8 included, and, when it parses, as a JSON value of any kind. Any difference traps.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "canonical_json.hpp"
#include "json_fields.hpp"

namespace {

using nlohmann::json;

// Deeper values never reach the encoder (operations nest at most kOperationMaxDepth levels) and
// would only exercise nlohmann's own recursion.
constexpr int kMaxDepth = 64;

std::string reference(const json& value) {
    return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

void expect_same(const std::string& ours, const json& value, const char* what) {
    if (ours == reference(value)) return;
    std::fprintf(stderr, "canonical_fuzz: the encoder differs from nlohmann's dump on %s\n", what);
    __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    std::string out;
    spmis::sync::canonical::append_string(out, bytes);
    expect_same(out, json(std::string(bytes)), "a raw string");

    const json keyed = {{std::string(bytes), 1}, {"k", std::string(bytes)}};
    out.clear();
    spmis::sync::canonical::append_value(out, keyed);
    expect_same(out, keyed, "a raw object key");

    const json parsed = json::parse(bytes, nullptr, false);
    if (parsed.is_discarded() || spmis::sync::json_fields::deeper_than(parsed, kMaxDepth)) return 0;
    out.clear();
    spmis::sync::canonical::append_value(out, parsed);
    expect_same(out, parsed, "a parsed value");
    return 0;
}

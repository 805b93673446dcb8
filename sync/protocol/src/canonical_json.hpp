#pragma once
// A direct writer of the canonical JSON text (PROTOCOL.md section 2): the bytes nlohmann's
// dump(-1, ' ', false, error_handler_t::replace) produces, written without building or copying a tree.
// Internal to the sync library.

#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace spmis::sync::canonical {

// Appends `text` as a quoted JSON string with minimal escapes; invalid UTF-8 is handed to nlohmann so
// its replacement characters come out exactly as before.
void append_string(std::string& out, std::string_view text);

// Appends a JSON value: object keys in their (sorted) map order at every depth, no whitespace.
void append_value(std::string& out, const nlohmann::json& value);

// Appends a signed or unsigned integer in shortest decimal.
void append_integer(std::string& out, std::int64_t value);
void append_unsigned(std::string& out, std::uint64_t value);

// Appends `"name":` (the name needs no escaping: a member name of the protocol).
inline void append_key(std::string& out, std::string_view name) {
    out.push_back('"');
    out.append(name);
    out.append("\":");
}

}  // namespace spmis::sync::canonical

#pragma once
// CEL values <-> the typed JSON of the conformance files and `spmis-server cel eval`:
// {"int":"-5"}, {"uint":"5"}, {"double":1.5 | "NaN" | "Infinity" | "-Infinity"}, {"string":..},
// {"bytes_b64":..}, {"bool":..}, {"null":null}, {"list":[..]}, {"map":[[k,v],..]}, {"type":".."},
// {"timestamp":"RFC 3339"}, {"duration":"1.5s"}.

#include <nlohmann/json.hpp>

#include "spmis/base/status.hpp"
#include "spmis/cel/value.hpp"

namespace spmis::cel {

// Decodes one typed value; kInvalidArgument for malformed or unsupported forms (messages,
// enums, any).
Result<Value> value_from_typed_json(const nlohmann::json& j);

// Encodes a value; kInvalidArgument for errors and native objects that have no typed form.
Result<nlohmann::json> value_to_typed_json(const Value& v);

}  // namespace spmis::cel

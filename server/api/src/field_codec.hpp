#pragma once
// Named-field JSON readers shared by the request codecs: a missing member is left unchanged, a
// wrong type is kInvalidArgument naming the field. Internal to spmis::api.

#include <string>

#include <nlohmann/json.hpp>

#include "spmis/base/status.hpp"
#include "spmis/model/enum_names.hpp"

namespace spmis::api::field_codec {

inline Status bad(const std::string& key, const std::string& what) {
    return make_error(ErrorCode::kInvalidArgument, "field '" + key + "' " + what);
}

inline Status text(const nlohmann::json& j, const char* key, std::string* out) {
    if (!j.contains(key)) return {};
    if (!j[key].is_string()) return bad(key, "must be a string");
    *out = j[key].get<std::string>();
    return {};
}

template <typename E>
Status enumeration(const nlohmann::json& j, const char* key, E* out) {
    if (!j.contains(key)) return {};
    if (!j[key].is_string()) return bad(key, "must be a string");
    Result<E> parsed = model::parse_enum<E>(j[key].get<std::string>());
    if (!parsed.ok()) return bad(key, parsed.status().message());
    *out = *parsed;
    return {};
}

}  // namespace spmis::api::field_codec

#include "spmis/cel/json_value.hpp"

#include <charconv>
#include <cmath>
#include <limits>

#include "base64.hpp"
#include "spmis/cel/map_value.hpp"
#include "time_util.hpp"

namespace spmis::cel {
namespace {

Status bad(const std::string& why) { return {ErrorCode::kInvalidArgument, "typed value: " + why}; }

template <typename T>
Result<Value> integer(const nlohmann::json& j, Value (*make)(T)) {
    if (!j.is_string()) return bad("integers are decimal strings");
    const std::string& s = j.get_ref<const std::string&>();
    T v{};
    auto res = std::from_chars(s.data(), s.data() + s.size(), v);
    if (res.ec != std::errc() || res.ptr != s.data() + s.size()) return bad("bad integer '" + s + "'");
    return make(v);
}

Result<Value> dbl(const nlohmann::json& j) {
    if (j.is_number()) return Value::dbl(j.get<double>());
    if (j == "NaN") return Value::dbl(std::numeric_limits<double>::quiet_NaN());
    if (j == "Infinity") return Value::dbl(std::numeric_limits<double>::infinity());
    if (j == "-Infinity") return Value::dbl(-std::numeric_limits<double>::infinity());
    return bad("bad double");
}

Result<Value> list(const nlohmann::json& j) {
    if (!j.is_array()) return bad("list must be an array");
    ListValue items;
    for (const auto& e : j) {
        SPMIS_ASSIGN_OR_RETURN(Value v, value_from_typed_json(e));
        items.push_back(std::move(v));
    }
    return Value::list(std::move(items));
}

Result<Value> map(const nlohmann::json& j) {
    if (!j.is_array()) return bad("map must be an array of [key, value]");
    std::vector<MapValue::Entry> entries;
    for (const auto& e : j) {
        if (!e.is_array() || e.size() != 2) return bad("map entry must be [key, value]");
        SPMIS_ASSIGN_OR_RETURN(Value k, value_from_typed_json(e[0]));
        SPMIS_ASSIGN_OR_RETURN(Value v, value_from_typed_json(e[1]));
        entries.emplace_back(std::move(k), std::move(v));
    }
    Value m = MapValue::make(std::move(entries));
    if (m.is_error()) return bad(m.message());
    return m;
}

Result<Value> checked(Value v) {
    if (v.is_error()) return bad(v.message());
    return v;
}

nlohmann::json double_json(double d) {
    if (std::isnan(d)) return "NaN";
    if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
    return d;
}

}  // namespace

Result<Value> value_from_typed_json(const nlohmann::json& j) {
    if (!j.is_object() || j.size() != 1) return bad("expected an object with exactly one key");
    const std::string& key = j.begin().key();
    const nlohmann::json& v = j.begin().value();
    if (key == "int") return integer<std::int64_t>(v, Value::integer);
    if (key == "uint") return integer<std::uint64_t>(v, Value::uinteger);
    if (key == "double") return dbl(v);
    if (key == "bool" && v.is_boolean()) return Value::boolean(v.get<bool>());
    if (key == "null") return Value::null();
    if (key == "string" && v.is_string()) return Value::string(v.get<std::string>());
    if (key == "bytes_b64" && v.is_string()) {
        auto raw = base64_decode(v.get_ref<const std::string&>());
        if (!raw) return bad("bad base64");
        return Value::bytes(*raw);
    }
    if (key == "list") return list(v);
    if (key == "map") return map(v);
    if (key == "type" && v.is_string()) return Value::type(v.get<std::string>());
    if (key == "timestamp" && v.is_string()) return checked(parse_timestamp(v.get_ref<const std::string&>()));
    if (key == "duration" && v.is_string()) return checked(parse_duration(v.get_ref<const std::string&>()));
    return bad("unsupported form '" + key + "'");
}

Result<nlohmann::json> value_to_typed_json(const Value& v) {
    switch (v.kind()) {
        case Kind::kNull: return nlohmann::json{{"null", nullptr}};
        case Kind::kBool: return nlohmann::json{{"bool", v.as_bool()}};
        case Kind::kInt: return nlohmann::json{{"int", std::to_string(v.as_int())}};
        case Kind::kUint: return nlohmann::json{{"uint", std::to_string(v.as_uint())}};
        case Kind::kDouble: return nlohmann::json{{"double", double_json(v.as_double())}};
        case Kind::kString: return nlohmann::json{{"string", v.as_string()}};
        case Kind::kBytes: return nlohmann::json{{"bytes_b64", base64_encode(v.as_string())}};
        case Kind::kType: return nlohmann::json{{"type", v.as_string()}};
        case Kind::kTimestamp: return nlohmann::json{{"timestamp", format_timestamp(v.as_timestamp())}};
        case Kind::kDuration: return nlohmann::json{{"duration", format_duration(v.as_duration())}};
        case Kind::kMap: {
            nlohmann::json entries = nlohmann::json::array();
            for (const auto& [k, val] : v.as_map().entries()) {
                SPMIS_ASSIGN_OR_RETURN(nlohmann::json jk, value_to_typed_json(k));
                SPMIS_ASSIGN_OR_RETURN(nlohmann::json jv, value_to_typed_json(val));
                entries.push_back(nlohmann::json::array({jk, jv}));
            }
            return nlohmann::json{{"map", entries}};
        }
        case Kind::kError: return bad(v.message());
        default: break;
    }
    if (is_list_like(v)) {
        nlohmann::json items = nlohmann::json::array();
        for (std::size_t i = 0, n = list_size(v); i < n; ++i) {
            SPMIS_ASSIGN_OR_RETURN(nlohmann::json e, value_to_typed_json(list_at(v, i)));
            items.push_back(std::move(e));
        }
        return nlohmann::json{{"list", items}};
    }
    return bad("a " + type_name(v) + " value has no typed JSON form");
}

}  // namespace spmis::cel

#pragma once
// Strict readers of JSON members, shared by the parsers of operations and messages. Every failure
// is kInvalidArgument naming the message and the member.

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "spmis/base/status.hpp"
#include "spmis/base/time.hpp"
#include "spmis/base/uuid.hpp"

namespace spmis::sync::json_fields {

using nlohmann::json;

// True when any number in `j` is a float: operations carry integers only (canonical encoding).
inline bool contains_float(const json& j) {
    if (j.is_number_float()) return true;
    if (j.is_structured()) {
        for (const auto& item : j) {
            if (contains_float(item)) return true;
        }
    }
    return false;
}

// True when `j` nests more than `levels` levels ({} and [] are one level, a scalar none). The walk
// stops at `levels`, so its own recursion is bounded whatever the depth of `j`.
inline bool deeper_than(const json& j, int levels) {
    if (!j.is_structured()) return false;
    if (levels <= 0) return true;
    for (const auto& item : j) {
        if (deeper_than(item, levels - 1)) return true;
    }
    return false;
}

// Reads members of one JSON object and names `what` ("operation", "push request") in errors.
class Reader {
public:
    Reader(const json& object, std::string what) : object_(object), what_(std::move(what)) {}

    Status malformed(const std::string& member, const std::string& why) const {
        return make_error(ErrorCode::kInvalidArgument, "malformed " + what_ + ": '" + member + "' " + why);
    }
    Status require_object() const {
        return object_.is_object() ? Status{} : malformed("(root)", "must be an object");
    }
    bool has(const std::string& name) const { return object_.contains(name) && !object_[name].is_null(); }

    Result<const json*> member(const std::string& name, json::value_t type) const {
        auto it = object_.find(name);
        if (it == object_.end()) return malformed(name, "is missing");
        bool ok = it->type() == type ||
                  (type == json::value_t::number_integer && it->type() == json::value_t::number_unsigned);
        if (!ok) return malformed(name, std::string("must be ") + json(type).type_name());
        return &*it;
    }
    Result<std::string> string(const std::string& name) const {
        SPMIS_ASSIGN_OR_RETURN(const json* v, member(name, json::value_t::string));
        return v->get<std::string>();
    }
    Result<std::int64_t> integer(const std::string& name) const {
        SPMIS_ASSIGN_OR_RETURN(const json* v, member(name, json::value_t::number_integer));
        if (v->is_number_unsigned() && v->get<std::uint64_t>() > INT64_MAX)
            return malformed(name, "is too large");
        return v->get<std::int64_t>();
    }
    Result<std::uint64_t> count(const std::string& name) const {
        SPMIS_ASSIGN_OR_RETURN(std::int64_t v, integer(name));
        if (v < 0) return malformed(name, "must not be negative");
        return static_cast<std::uint64_t>(v);
    }
    Result<bool> boolean(const std::string& name) const {
        SPMIS_ASSIGN_OR_RETURN(const json* v, member(name, json::value_t::boolean));
        return v->get<bool>();
    }
    Result<Uuid> uuid(const std::string& name) const {
        SPMIS_ASSIGN_OR_RETURN(std::string text, string(name));
        auto id = Uuid::parse(text);
        if (!id.ok()) return malformed(name, "is not a UUID");
        return *id;
    }
    Result<std::optional<Uuid>> optional_uuid(const std::string& name) const {
        if (!has(name)) return std::optional<Uuid>{};
        SPMIS_ASSIGN_OR_RETURN(Uuid id, uuid(name));
        return std::optional<Uuid>{id};
    }
    Result<UtcTime> time(const std::string& name) const {
        SPMIS_ASSIGN_OR_RETURN(std::string text, string(name));
        auto t = parse_time(text);
        if (!t.ok()) return malformed(name, t.status().message());
        return *t;
    }
    Result<const json*> array(const std::string& name) const { return member(name, json::value_t::array); }
    Result<const json*> object(const std::string& name) const { return member(name, json::value_t::object); }

private:
    const json& object_;
    std::string what_;
};

}  // namespace spmis::sync::json_fields

// Strict parsing of an operation's wire form (PROTOCOL.md section 1).

#include <set>

#include "spmis/sync/operation.hpp"

namespace spmis::sync {
namespace {

using nlohmann::json;

Status malformed(const std::string& member, const std::string& why) {
    return make_error(ErrorCode::kInvalidArgument, "malformed operation: '" + member + "' " + why);
}

Result<const json*> member(const json& j, const std::string& name, json::value_t type) {
    auto it = j.find(name);
    if (it == j.end()) return malformed(name, "is missing");
    bool ok = it->type() == type ||
              (type == json::value_t::number_integer && it->type() == json::value_t::number_unsigned);
    if (!ok) return malformed(name, std::string("must be ") + json(type).type_name());
    return &*it;
}

Result<std::string> string_member(const json& j, const std::string& name) {
    SPMIS_ASSIGN_OR_RETURN(const json* v, member(j, name, json::value_t::string));
    return v->get<std::string>();
}

Result<std::int64_t> int_member(const json& j, const std::string& name) {
    SPMIS_ASSIGN_OR_RETURN(const json* v, member(j, name, json::value_t::number_integer));
    return v->get<std::int64_t>();
}

Result<Uuid> uuid_member(const json& j, const std::string& name) {
    SPMIS_ASSIGN_OR_RETURN(std::string text, string_member(j, name));
    auto id = Uuid::parse(text);
    if (!id.ok()) return malformed(name, "is not a UUID");
    return *id;
}

Result<std::optional<Uuid>> optional_uuid_member(const json& j, const std::string& name) {
    auto it = j.find(name);
    if (it == j.end() || it->is_null()) return std::optional<Uuid>{};
    SPMIS_ASSIGN_OR_RETURN(Uuid id, uuid_member(j, name));
    return std::optional<Uuid>{id};
}

Result<Hash> hash_member(const json& j, const std::string& name) {
    SPMIS_ASSIGN_OR_RETURN(std::string text, string_member(j, name));
    auto h = hash_from_hex(text);
    if (!h.ok()) return malformed(name, h.status().message());
    return *h;
}

Result<UtcTime> time_member(const json& j, const std::string& name) {
    SPMIS_ASSIGN_OR_RETURN(std::string text, string_member(j, name));
    auto t = parse_time(text);
    if (!t.ok()) return malformed(name, t.status().message());
    return *t;
}

Result<Routing> parse_routing(const json& j) {
    SPMIS_ASSIGN_OR_RETURN(const json* r, member(j, "routing", json::value_t::object));
    Routing routing;
    SPMIS_ASSIGN_OR_RETURN(routing.service_point, optional_uuid_member(*r, "service_point"));
    SPMIS_ASSIGN_OR_RETURN(routing.program, optional_uuid_member(*r, "program"));
    SPMIS_ASSIGN_OR_RETURN(routing.cycle, optional_uuid_member(*r, "cycle"));
    SPMIS_ASSIGN_OR_RETURN(routing.household, optional_uuid_member(*r, "household"));
    return routing;
}

Result<TimeClaim> parse_time_claim(const json& j) {
    SPMIS_ASSIGN_OR_RETURN(const json* t, member(j, "time_claim", json::value_t::object));
    TimeClaim claim;
    SPMIS_ASSIGN_OR_RETURN(claim.wall, time_member(*t, "wall"));
    SPMIS_ASSIGN_OR_RETURN(claim.boot_id, string_member(*t, "boot_id"));
    SPMIS_ASSIGN_OR_RETURN(claim.monotonic_ms, int_member(*t, "monotonic_ms"));
    if (t->contains("anchor_server_time")) {
        SPMIS_ASSIGN_OR_RETURN(UtcTime anchor, time_member(*t, "anchor_server_time"));
        claim.anchor_server_time = anchor;
    }
    if (t->contains("anchor_monotonic_ms")) {
        SPMIS_ASSIGN_OR_RETURN(std::int64_t anchor, int_member(*t, "anchor_monotonic_ms"));
        claim.anchor_monotonic_ms = anchor;
    }
    return claim;
}

bool contains_float(const json& j) {
    if (j.is_number_float()) return true;
    if (j.is_structured()) {
        for (const auto& item : j) {
            if (contains_float(item)) return true;
        }
    }
    return false;
}

Status check_members_known(const json& j) {
    static const std::set<std::string> kKnown = {
        "device_id", "device_seq", "prev_hash", "op_type",    "op_version", "record_kind", "record_id",
        "routing",   "payload",    "base",      "officer_id", "time_claim", "hash"};
    for (const auto& [key, value] : j.items()) {
        if (!kKnown.contains(key)) return malformed(key, "is not a known member");
    }
    return {};
}

}  // namespace

Result<Operation> operation_from_json(const json& j) {
    if (!j.is_object()) return make_error(ErrorCode::kInvalidArgument, "malformed operation: not an object");
    SPMIS_RETURN_IF_ERROR(check_members_known(j));
    if (contains_float(j)) return malformed("(any)", "contains a floating-point number");
    Operation op;
    SPMIS_ASSIGN_OR_RETURN(op.device_id, uuid_member(j, "device_id"));
    SPMIS_ASSIGN_OR_RETURN(std::int64_t seq, int_member(j, "device_seq"));
    if (seq < 1) return malformed("device_seq", "must be >= 1");
    op.device_seq = static_cast<std::uint64_t>(seq);
    SPMIS_ASSIGN_OR_RETURN(op.prev_hash, hash_member(j, "prev_hash"));
    SPMIS_ASSIGN_OR_RETURN(op.op_type, string_member(j, "op_type"));
    SPMIS_ASSIGN_OR_RETURN(std::int64_t version, int_member(j, "op_version"));
    if (version < 1 || version > 1'000) return malformed("op_version", "is out of range");
    op.op_version = static_cast<int>(version);
    SPMIS_ASSIGN_OR_RETURN(op.record_kind, string_member(j, "record_kind"));
    SPMIS_ASSIGN_OR_RETURN(op.record_id, uuid_member(j, "record_id"));
    SPMIS_ASSIGN_OR_RETURN(op.routing, parse_routing(j));
    SPMIS_ASSIGN_OR_RETURN(const json* payload, member(j, "payload", json::value_t::object));
    op.payload = *payload;
    SPMIS_ASSIGN_OR_RETURN(const json* base, member(j, "base", json::value_t::object));
    op.base = *base;
    SPMIS_ASSIGN_OR_RETURN(op.officer_id, string_member(j, "officer_id"));
    SPMIS_ASSIGN_OR_RETURN(op.time_claim, parse_time_claim(j));
    SPMIS_ASSIGN_OR_RETURN(op.hash, hash_member(j, "hash"));
    return op;
}

}  // namespace spmis::sync

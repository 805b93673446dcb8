// Strict parsing of an operation's wire form (PROTOCOL.md section 1).

#include <set>
#include <string>

#include "json_fields.hpp"
#include "spmis/sync/operation.hpp"
#include "spmis/sync/protocol.hpp"

namespace spmis::sync {
namespace {

using json_fields::contains_float;
using json_fields::deeper_than;
using json_fields::Reader;
using nlohmann::json;

Result<Hash> read_hash(const Reader& r, const std::string& name) {
    SPMIS_ASSIGN_OR_RETURN(std::string text, r.string(name));
    auto h = hash_from_hex(text);
    if (!h.ok()) return r.malformed(name, h.status().message());
    return *h;
}

Result<Routing> parse_routing(const Reader& op) {
    SPMIS_ASSIGN_OR_RETURN(const json* object, op.object("routing"));
    Reader r(*object, "operation routing");
    Routing routing;
    SPMIS_ASSIGN_OR_RETURN(routing.service_point, r.optional_uuid("service_point"));
    SPMIS_ASSIGN_OR_RETURN(routing.program, r.optional_uuid("program"));
    SPMIS_ASSIGN_OR_RETURN(routing.cycle, r.optional_uuid("cycle"));
    SPMIS_ASSIGN_OR_RETURN(routing.household, r.optional_uuid("household"));
    return routing;
}

Result<TimeClaim> parse_time_claim(const Reader& op) {
    SPMIS_ASSIGN_OR_RETURN(const json* object, op.object("time_claim"));
    Reader r(*object, "operation time_claim");
    TimeClaim claim;
    SPMIS_ASSIGN_OR_RETURN(claim.wall, r.time("wall"));
    SPMIS_ASSIGN_OR_RETURN(claim.boot_id, r.string("boot_id"));
    SPMIS_ASSIGN_OR_RETURN(claim.monotonic_ms, r.integer("monotonic_ms"));
    if (r.has("anchor_server_time")) {
        SPMIS_ASSIGN_OR_RETURN(UtcTime anchor, r.time("anchor_server_time"));
        claim.anchor_server_time = anchor;
    }
    if (r.has("anchor_monotonic_ms")) {
        SPMIS_ASSIGN_OR_RETURN(std::int64_t anchor, r.integer("anchor_monotonic_ms"));
        claim.anchor_monotonic_ms = anchor;
    }
    return claim;
}

Status check_members_known(const json& j, const Reader& r) {
    static const std::set<std::string> kKnown = {
        "device_id", "device_seq", "prev_hash", "op_type",    "op_version", "record_kind", "record_id",
        "routing",   "payload",    "base",      "officer_id", "time_claim", "hash"};
    for (const auto& [key, value] : j.items()) {
        if (!kKnown.contains(key)) return r.malformed(key, "is not a known member");
    }
    return {};
}

}  // namespace

Result<Operation> operation_from_json(const json& j) {
    Reader r(j, "operation");
    SPMIS_RETURN_IF_ERROR(r.require_object());
    SPMIS_RETURN_IF_ERROR(check_members_known(j, r));
    // Before any recursive walk: a hostile depth must be an error, not a stack overflow.
    if (deeper_than(j, kOperationMaxDepth))
        return r.malformed("(any)", "nests deeper than " + std::to_string(kOperationMaxDepth) + " levels");
    if (contains_float(j)) return r.malformed("(any)", "contains a floating-point number");
    Operation op;
    SPMIS_ASSIGN_OR_RETURN(op.device_id, r.uuid("device_id"));
    SPMIS_ASSIGN_OR_RETURN(op.device_seq, r.count("device_seq"));
    if (op.device_seq < 1) return r.malformed("device_seq", "must be >= 1");
    SPMIS_ASSIGN_OR_RETURN(op.prev_hash, read_hash(r, "prev_hash"));
    SPMIS_ASSIGN_OR_RETURN(op.op_type, r.string("op_type"));
    SPMIS_ASSIGN_OR_RETURN(std::int64_t version, r.integer("op_version"));
    if (version < 1 || version > 1'000) return r.malformed("op_version", "is out of range");
    op.op_version = static_cast<int>(version);
    SPMIS_ASSIGN_OR_RETURN(op.record_kind, r.string("record_kind"));
    SPMIS_ASSIGN_OR_RETURN(op.record_id, r.uuid("record_id"));
    SPMIS_ASSIGN_OR_RETURN(op.routing, parse_routing(r));
    SPMIS_ASSIGN_OR_RETURN(const json* payload, r.object("payload"));
    op.payload = *payload;
    SPMIS_ASSIGN_OR_RETURN(const json* base, r.object("base"));
    op.base = *base;
    SPMIS_ASSIGN_OR_RETURN(op.officer_id, r.string("officer_id"));
    SPMIS_ASSIGN_OR_RETURN(op.time_claim, parse_time_claim(r));
    SPMIS_ASSIGN_OR_RETURN(op.hash, read_hash(r, "hash"));
    return op;
}

}  // namespace spmis::sync

#include "spmis/sync/messages.hpp"

#include "json_fields.hpp"
#include "spmis/sync/protocol.hpp"

namespace spmis::sync {
namespace {

using json_fields::Reader;
using nlohmann::json;

json uuid_list(const std::vector<Uuid>& ids) {
    json out = json::array();
    for (const auto& id : ids) out.push_back(id.to_string());
    return out;
}

Result<std::vector<Uuid>> read_uuid_list(const Reader& r, const std::string& name) {
    SPMIS_ASSIGN_OR_RETURN(const json* list, r.array(name));
    std::vector<Uuid> out;
    for (const auto& item : *list) {
        auto id = item.is_string() ? Uuid::parse(item.get<std::string>()) : Result<Uuid>(Status{});
        if (!item.is_string() || !id.ok()) return r.malformed(name, "must hold UUID strings");
        out.push_back(*id);
    }
    return out;
}

Status check_protocol(const Reader& r) {
    SPMIS_ASSIGN_OR_RETURN(std::int64_t version, r.integer("protocol"));
    if (version != kProtocolVersion) {
        return make_error(ErrorCode::kFailedPrecondition, "protocol version " + std::to_string(version) +
                                                              " is not supported (server speaks " +
                                                              std::to_string(kProtocolVersion) + ")");
    }
    return {};
}

json op_result_json(const OpResult& r) {
    json j = {{"device_seq", r.device_seq}, {"disposition", to_string(r.disposition)}};
    if (!r.reason.empty()) j["reason"] = r.reason;
    if (!r.cases.empty()) j["cases"] = uuid_list(r.cases);
    if (r.first) j["first_disposition"] = to_string(*r.first);
    return j;
}

Result<OpResult> op_result_from_json(const json& j) {
    Reader r(j, "push result");
    SPMIS_RETURN_IF_ERROR(r.require_object());
    OpResult out;
    SPMIS_ASSIGN_OR_RETURN(out.device_seq, r.count("device_seq"));
    SPMIS_ASSIGN_OR_RETURN(std::string disposition, r.string("disposition"));
    SPMIS_ASSIGN_OR_RETURN(out.disposition, disposition_from_string(disposition));
    if (r.has("reason")) {
        SPMIS_ASSIGN_OR_RETURN(out.reason, r.string("reason"));
    }
    if (r.has("cases")) {
        SPMIS_ASSIGN_OR_RETURN(out.cases, read_uuid_list(r, "cases"));
    }
    if (r.has("first_disposition")) {
        SPMIS_ASSIGN_OR_RETURN(std::string first, r.string("first_disposition"));
        SPMIS_ASSIGN_OR_RETURN(out.first, disposition_from_string(first));
    }
    return out;
}

}  // namespace

std::string to_string(Disposition d) {
    switch (d) {
        case Disposition::kAccepted: return "accepted";
        case Disposition::kAcceptedFlagged: return "accepted_flagged";
        case Disposition::kRejected: return "rejected";
        case Disposition::kDuplicate: return "duplicate";
    }
    return "unknown";
}

Result<Disposition> disposition_from_string(const std::string& s) {
    for (auto d : {Disposition::kAccepted, Disposition::kAcceptedFlagged, Disposition::kRejected,
                   Disposition::kDuplicate}) {
        if (to_string(d) == s) return d;
    }
    return make_error(ErrorCode::kInvalidArgument, "unknown disposition '" + s + "'");
}

json to_json(const HelloRequest& m) {
    return {{"protocol", kProtocolVersion}, {"device_id", m.device_id.to_string()},
            {"acked_seq", m.acked_seq},     {"epoch", m.epoch},
            {"cursor", m.cursor},           {"clock", format_time(m.clock)}};
}

Result<HelloRequest> hello_request_from_json(const json& j) {
    Reader r(j, "hello");
    SPMIS_RETURN_IF_ERROR(r.require_object());
    SPMIS_RETURN_IF_ERROR(check_protocol(r));
    HelloRequest m;
    SPMIS_ASSIGN_OR_RETURN(m.device_id, r.uuid("device_id"));
    SPMIS_ASSIGN_OR_RETURN(m.acked_seq, r.count("acked_seq"));
    SPMIS_ASSIGN_OR_RETURN(m.epoch, r.string("epoch"));
    SPMIS_ASSIGN_OR_RETURN(m.cursor, r.integer("cursor"));
    SPMIS_ASSIGN_OR_RETURN(m.clock, r.time("clock"));
    return m;
}

json to_json(const HelloResponse& m) {
    return {{"protocol", kProtocolVersion},
            {"server_time", format_time(m.server_time)},
            {"epoch", m.epoch},
            {"acked_seq", m.acked_seq},
            {"scopes", uuid_list(m.scopes)},
            {"actions", m.actions}};
}

Result<HelloResponse> hello_response_from_json(const json& j) {
    Reader r(j, "hello answer");
    SPMIS_RETURN_IF_ERROR(r.require_object());
    SPMIS_RETURN_IF_ERROR(check_protocol(r));
    HelloResponse m;
    SPMIS_ASSIGN_OR_RETURN(m.server_time, r.time("server_time"));
    SPMIS_ASSIGN_OR_RETURN(m.epoch, r.string("epoch"));
    SPMIS_ASSIGN_OR_RETURN(m.acked_seq, r.count("acked_seq"));
    SPMIS_ASSIGN_OR_RETURN(m.scopes, read_uuid_list(r, "scopes"));
    SPMIS_ASSIGN_OR_RETURN(const json* actions, r.array("actions"));
    for (const auto& a : *actions) {
        if (!a.is_string()) return r.malformed("actions", "must hold strings");
        m.actions.push_back(a.get<std::string>());
    }
    return m;
}

json to_json(const PushRequest& m) {
    json ops = json::array();
    for (const auto& op : m.ops) ops.push_back(to_json(op));
    return {{"protocol", kProtocolVersion},
            {"device_id", m.device_id.to_string()},
            {"ops", std::move(ops)},
            {"signature", m.signature_hex}};
}

Result<PushRequest> push_request_from_json(const json& j) {
    Reader r(j, "push");
    SPMIS_RETURN_IF_ERROR(r.require_object());
    SPMIS_RETURN_IF_ERROR(check_protocol(r));
    PushRequest m;
    SPMIS_ASSIGN_OR_RETURN(m.device_id, r.uuid("device_id"));
    SPMIS_ASSIGN_OR_RETURN(m.signature_hex, r.string("signature"));
    SPMIS_ASSIGN_OR_RETURN(const json* ops, r.array("ops"));
    for (const auto& item : *ops) {
        SPMIS_ASSIGN_OR_RETURN(Operation op, operation_from_json(item));
        m.ops.push_back(std::move(op));
    }
    return m;
}

json to_json(const PushResponse& m) {
    json results = json::array();
    for (const auto& r : m.results) results.push_back(op_result_json(r));
    return {{"acked_seq", m.acked_seq}, {"results", std::move(results)}};
}

Result<PushResponse> push_response_from_json(const json& j) {
    Reader r(j, "push answer");
    SPMIS_RETURN_IF_ERROR(r.require_object());
    PushResponse m;
    SPMIS_ASSIGN_OR_RETURN(m.acked_seq, r.count("acked_seq"));
    SPMIS_ASSIGN_OR_RETURN(const json* results, r.array("results"));
    for (const auto& item : *results) {
        SPMIS_ASSIGN_OR_RETURN(OpResult result, op_result_from_json(item));
        m.results.push_back(std::move(result));
    }
    return m;
}

json to_json(const PullRequest& m) {
    return {{"protocol", kProtocolVersion},
            {"device_id", m.device_id.to_string()},
            {"cursor", m.cursor},
            {"byte_budget", m.byte_budget}};
}

Result<PullRequest> pull_request_from_json(const json& j) {
    Reader r(j, "pull");
    SPMIS_RETURN_IF_ERROR(r.require_object());
    SPMIS_RETURN_IF_ERROR(check_protocol(r));
    PullRequest m;
    SPMIS_ASSIGN_OR_RETURN(m.device_id, r.uuid("device_id"));
    SPMIS_ASSIGN_OR_RETURN(m.cursor, r.integer("cursor"));
    SPMIS_ASSIGN_OR_RETURN(m.byte_budget, r.integer("byte_budget"));
    if (m.byte_budget <= 0) return r.malformed("byte_budget", "must be positive");
    return m;
}

json to_json(const PullResponse& m) {
    json records = json::array();
    for (const auto& rec : m.records) {
        records.push_back({{"server_seq", rec.server_seq},
                           {"kind", rec.kind},
                           {"id", rec.id.to_string()},
                           {"data", rec.data ? encode_pulled(*rec.data) : json(nullptr)}});
    }
    return {{"records", std::move(records)},
            {"next_cursor", m.next_cursor},
            {"has_more", m.has_more},
            {"scope_count", m.scope_count},
            {"scope_checksum", m.scope_checksum}};
}

Result<PullResponse> pull_response_from_json(const json& j) {
    Reader r(j, "pull answer");
    SPMIS_RETURN_IF_ERROR(r.require_object());
    PullResponse m;
    SPMIS_ASSIGN_OR_RETURN(const json* records, r.array("records"));
    for (const auto& item : *records) {
        Reader rec(item, "pulled record");
        SPMIS_RETURN_IF_ERROR(rec.require_object());
        PulledRecord out;
        SPMIS_ASSIGN_OR_RETURN(out.server_seq, rec.integer("server_seq"));
        SPMIS_ASSIGN_OR_RETURN(out.kind, rec.string("kind"));
        SPMIS_ASSIGN_OR_RETURN(out.id, rec.uuid("id"));
        if (!item.contains("data")) return rec.malformed("data", "is missing");
        if (!item["data"].is_null()) {
            SPMIS_ASSIGN_OR_RETURN(out.data, decode_pulled(out.kind, item["data"]));
            if (kind_of(*out.data) != out.kind) return rec.malformed("kind", "does not match its data");
        }
        m.records.push_back(std::move(out));
    }
    SPMIS_ASSIGN_OR_RETURN(m.next_cursor, r.integer("next_cursor"));
    SPMIS_ASSIGN_OR_RETURN(m.has_more, r.boolean("has_more"));
    SPMIS_ASSIGN_OR_RETURN(m.scope_count, r.integer("scope_count"));
    SPMIS_ASSIGN_OR_RETURN(m.scope_checksum, r.string("scope_checksum"));
    return m;
}

}  // namespace spmis::sync

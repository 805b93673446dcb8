// Staff decisions on reconciliation cases. Each decision is a server operation (in the server's
// own hash chain) whose effect reaches the devices in scope through pull.

#include "spmis/sync/sync_server.hpp"

namespace spmis::sync {
namespace {

using nlohmann::json;

Result<Uuid> decision_uuid(const json& decision, const char* name) {
    auto it = decision.find(name);
    if (it == decision.end() || !it->is_string()) {
        return make_error(ErrorCode::kInvalidArgument, std::string("decision needs '") + name + "'");
    }
    auto id = Uuid::parse(it->get<std::string>());
    if (!id.ok())
        return make_error(ErrorCode::kInvalidArgument, std::string("decision '") + name + "' is not a UUID");
    return *id;
}

}  // namespace

Status SyncServer::record_server_operation(const std::string& op_type, const json& payload,
                                           const std::string& actor, const std::string& summary) {
    SPMIS_ASSIGN_OR_RETURN(auto last, store_.operation_log().last_operation(identity_.server_id));
    ChainTip tip;
    if (last) {
        tip.seq = last->device_seq;
        SPMIS_ASSIGN_OR_RETURN(tip.hash, hash_from_hex(last->hash_hex));
    }
    Operation op;
    op.device_id = identity_.server_id;
    op.op_type = op_type;
    op.record_kind = "reconciliation_case";
    op.record_id = new_uuid_v7();
    op.payload = payload;
    op.officer_id = actor;
    op.time_claim.wall = clock_.now();
    op.time_claim.boot_id = "server";
    chain_append(tip, op);
    store::StoredOperation s;
    s.device_id = op.device_id;
    s.device_seq = op.device_seq;
    s.hash_hex = to_hex(op.hash);
    s.op_type = op.op_type;
    s.record_id = op.record_id;
    s.op_json = to_json(op).dump();
    s.received_at = op.time_claim.wall;
    s.disposition = "accepted";
    s.reason = summary;
    return store_.operation_log().insert_operation(s).status();
}

Status SyncServer::resolve(const Uuid& case_id, const json& decision, const std::string& actor,
                           const std::string& reason) {
    if (!decision.is_object() || !decision.contains("action") || !decision["action"].is_string()) {
        return make_error(ErrorCode::kInvalidArgument, "decision needs an 'action'");
    }
    if (reason.empty()) return make_error(ErrorCode::kInvalidArgument, "a decision needs a reason");
    const std::string action = decision["action"];
    return store_.transaction([&]() -> Status {
        SPMIS_ASSIGN_OR_RETURN(store::ReconciliationCase c, store_.cases().get_case(case_id));
        if (c.status != "open") {
            return make_error(ErrorCode::kFailedPrecondition,
                              "reconciliation case " + case_id.to_string() + " is already " + c.status);
        }
        if (action == "void_redemption") {
            SPMIS_ASSIGN_OR_RETURN(Uuid id, decision_uuid(decision, "redemption_id"));
            SPMIS_RETURN_IF_ERROR(store_.service_points().void_redemption(id, actor));
        } else if (action == "set_state") {
            SPMIS_ASSIGN_OR_RETURN(Uuid id, decision_uuid(decision, "membership_id"));
            SPMIS_ASSIGN_OR_RETURN(auto to,
                                   model::parse_enum<model::MembershipState>(decision.value("state", "")));
            SPMIS_RETURN_IF_ERROR(store_.programs().transition_membership(id, to, actor, reason));
        } else if (action == "accept_field_value") {
            return make_error(
                ErrorCode::kInvalidArgument,
                "accept_field_value: edit the registrant through the registry API, then dismiss");
        } else if (action != "approve_overdraw" && action != "dismiss") {
            return make_error(ErrorCode::kInvalidArgument, "unknown decision action '" + action + "'");
        }
        json payload = {{"case_id", case_id.to_string()}, {"decision", decision}, {"reason", reason}};
        SPMIS_RETURN_IF_ERROR(record_server_operation("case.resolve", payload, actor, c.type + " resolved"));
        return store_.cases().resolve_case(case_id, decision.dump(), actor, reason);
    });
}

}  // namespace spmis::sync

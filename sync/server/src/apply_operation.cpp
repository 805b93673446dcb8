#include <algorithm>

#include "apply.hpp"
#include "scope_rules.hpp"
#include "spmis/base/text.hpp"

namespace spmis::sync::server {

Result<Uuid> payload_uuid(const Operation& op, const std::string& name) {
    auto it = op.payload.find(name);
    if (it == op.payload.end() || !it->is_string()) {
        return make_error(ErrorCode::kInvalidArgument, "payload member '" + name + "' is missing");
    }
    auto id = Uuid::parse(it->get<std::string>());
    if (!id.ok())
        return make_error(ErrorCode::kInvalidArgument, "payload member '" + name + "' is not a UUID");
    return *id;
}

// Every string in a payload is clean text (valid UTF-8, no NUL or control characters but line
// breaks): whatever an operation writes can be encoded for every device that pulls it.
Status check_payload_text(const nlohmann::json& value, const std::string& where) {
    if (value.is_string())
        return check_text(value.get_ref<const std::string&>(), where, TextKind::kMultiline);
    if (value.is_object()) {
        for (const auto& [key, item] : value.items()) {
            SPMIS_RETURN_IF_ERROR(check_text(key, where + " member name", TextKind::kLine));
            SPMIS_RETURN_IF_ERROR(check_payload_text(item, where + "." + key));
        }
    }
    if (value.is_array())
        for (const auto& item : value) SPMIS_RETURN_IF_ERROR(check_payload_text(item, where + "[]"));
    return {};
}

OpResult rejected(const Operation& op, std::string reason) {
    return {op.device_seq, Disposition::kRejected, std::move(reason), {}, std::nullopt};
}

Result<Uuid> raise(ApplyContext& ctx, const CaseRequest& c, const std::optional<Uuid>& program,
                   const std::optional<Uuid>& record) {
    store::CaseSubject subject{c.type, c.key, c.summary, program, ctx.op.routing.service_point, record};
    store::CaseLink link{ctx.op.record_id, ctx.op.device_id, static_cast<std::int64_t>(ctx.op.device_seq)};
    return ctx.store.cases().raise_case(subject, link);
}

Result<OpResult> answer(ApplyContext& ctx, const Decision& d, const std::optional<Uuid>& program,
                        const std::optional<Uuid>& record) {
    OpResult r{ctx.op.device_seq, d.disposition, d.reason, {}, std::nullopt};
    for (const auto& c : d.cases) {
        SPMIS_ASSIGN_OR_RETURN(Uuid id, raise(ctx, c, program, record));
        r.cases.push_back(id);
    }
    return r;
}

Result<OpResult> apply_operation(ApplyContext& ctx) {
    const Operation& op = ctx.op;
    const bool fact = op.op_type == "attendance.record" || op.op_type == "redemption.record";
    if (op.op_version != 1) return rejected(op, "unsupported op_version " + std::to_string(op.op_version));
    // Scope first, before any rule reads or writes (scope_rules.cpp holds the table).
    SPMIS_ASSIGN_OR_RETURN(std::optional<std::string> outside, out_of_scope(ctx));
    if (outside) return rejected(op, std::move(*outside));
    if (Status text = check_payload_text(op.payload, "payload"); !text.ok())
        return rejected(op, text.message());
    OpResult out = rejected(op, "unknown op_type '" + op.op_type + "'");
    auto apply = [&]() -> Status {
        Result<OpResult> r = out;
        if (op.op_type == "attendance.record") r = apply_attendance(ctx);
        if (op.op_type == "redemption.record") r = apply_redemption(ctx);
        if (op.op_type == "redemption.void") r = apply_void(ctx);
        if (op.op_type == "membership.transition") r = apply_membership_transition(ctx);
        if (op.op_type == "registrant.update") r = apply_registrant_update(ctx);
        if (op.op_type == "registrant.create") r = apply_registrant_create(ctx);
        if (!r.ok()) return r.status();
        out = std::move(*r);
        return {};
    };
    // Each operation in its own savepoint, so a rejected one leaves no trace but its answer; except
    // facts, the bulk of every push: they refuse before their first write and escalate any failure
    // after it (apply_facts.cpp), and a savepoint would copy every page they touch to its journal.
    Status s = fact ? apply() : ctx.store.transaction(apply);
    if (s.ok()) return out;
    // The device's mistake (malformed payload, unknown record, illegal step) is answered and never
    // blocks later operations; the server's own failures abort the push so the device retries.
    bool server_fault = s.code() == ErrorCode::kStorage || s.code() == ErrorCode::kInternal ||
                        s.code() == ErrorCode::kCorrupt;
    if (server_fault) return s;
    return rejected(op, s.message());
}

}  // namespace spmis::sync::server

#include <algorithm>

#include "server/apply.hpp"

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

OpResult rejected(const Operation& op, std::string reason) {
    return {op.device_seq, Disposition::kRejected, std::move(reason), {}};
}

Result<Uuid> raise(ApplyContext& ctx, const CaseRequest& c, const std::optional<Uuid>& program,
                   const std::optional<Uuid>& record) {
    store::CaseSubject subject{c.type, c.key, c.summary, program, ctx.op.routing.service_point, record};
    store::CaseLink link{ctx.op.record_id, ctx.op.device_id, static_cast<std::int64_t>(ctx.op.device_seq)};
    return ctx.sync.raise_case(subject, link);
}

Result<OpResult> answer(ApplyContext& ctx, const Decision& d, const std::optional<Uuid>& program,
                        const std::optional<Uuid>& record) {
    OpResult r{ctx.op.device_seq, d.disposition, d.reason, {}};
    for (const auto& c : d.cases) {
        SPMIS_ASSIGN_OR_RETURN(Uuid id, raise(ctx, c, program, record));
        r.cases.push_back(id);
    }
    return r;
}

Result<OpResult> apply_operation(ApplyContext& ctx) {
    const Operation& op = ctx.op;
    const auto& sp = op.routing.service_point;
    const bool fact = op.op_type == "attendance.record" || op.op_type == "redemption.record";
    if (fact && (!sp || std::find(ctx.scopes.begin(), ctx.scopes.end(), *sp) == ctx.scopes.end())) {
        return rejected(op, "service point outside the device's scope");
    }
    if (op.op_version != 1) return rejected(op, "unsupported op_version " + std::to_string(op.op_version));
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

// Facts from the field: attendance and redemptions are insert-only and never lost.
// They read and decide before their first write, and run without a savepoint of their own (see
// apply_operation): a failure after the first write aborts the whole push.

#include <algorithm>
#include <cmath>

#include "apply.hpp"

namespace spmis::sync::server {
namespace {

Result<std::int64_t> payload_quantity(const Operation& op) {
    auto it = op.payload.find("quantity_milli");
    if (it == op.payload.end() || !it->is_number_integer()) {
        return make_error(ErrorCode::kInvalidArgument, "payload member 'quantity_milli' must be an integer");
    }
    return it->get<std::int64_t>();
}

std::string payload_text(const Operation& op, const char* name) {
    auto it = op.payload.find(name);
    return it != op.payload.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// The event, from the push's memo when this push already read it.
Result<model::DistributionEvent> event_of(ApplyContext& ctx, const Uuid& id) {
    if (ctx.memo != nullptr) {
        auto& events = ctx.memo->events;
        auto it = std::find_if(events.begin(), events.end(), [&](const auto& e) { return e.id == id; });
        if (it != events.end()) return *it;
    }
    auto event = ctx.store.service_points().get_event(id);
    if (event.ok() && ctx.memo != nullptr) ctx.memo->events.push_back(*event);
    return event;
}

// After a fact's first write its failure cannot be undone alone: it becomes the server's own, which
// rolls back the whole push (the device sends it again), never half an operation kept.
Status after_first_write(Status s) {
    if (s.ok() || s.code() == ErrorCode::kStorage || s.code() == ErrorCode::kCorrupt) return s;
    return make_error(ErrorCode::kInternal, "after the first write: " + s.message());
}

Result<OpResult> written(Result<OpResult> r) {
    if (r.ok()) return r;
    return after_first_write(r.status());
}

}  // namespace

Result<OpResult> apply_attendance(ApplyContext& ctx) {
    const Operation& op = ctx.op;
    SPMIS_ASSIGN_OR_RETURN(Uuid registrant, payload_uuid(op, "registrant_id"));
    SPMIS_ASSIGN_OR_RETURN(Uuid event_id, payload_uuid(op, "event_id"));
    auto event = event_of(ctx, event_id);
    if (!event.ok() && event.status().code() != ErrorCode::kNotFound) return event.status();
    SPMIS_ASSIGN_OR_RETURN(bool person_known, ctx.store.registry().registrant_exists(registrant));
    if (!event.ok() || !person_known || event->service_point_id != *op.routing.service_point) {
        // Kept in the operation log; staff see it. It cannot count without a known event and person.
        Decision d{Disposition::kAcceptedFlagged,
                   false,
                   "attendance for an unknown event or registrant",
                   {{"attendance_problem", "attendance_problem:" + op.record_id.to_string(),
                     "attendance " + op.record_id.to_string() + " names an unknown event or registrant"}}};
        return written(answer(ctx, d, std::nullopt, op.record_id));
    }
    SPMIS_ASSIGN_OR_RETURN(auto first, ctx.store.service_points().first_attendance(registrant, event_id));
    Decision d = decide_attendance(first);
    model::Attendance a{op.record_id, event_id, registrant, op.device_id, ctx.actor, op.time_claim.wall};
    SPMIS_RETURN_IF_ERROR(
        ctx.store.service_points().insert_attendance(a, first));  // one statement: all or nothing
    return written(answer(ctx, d, event->program_id, registrant));
}

Result<OpResult> apply_redemption(ApplyContext& ctx) {
    const Operation& op = ctx.op;
    SPMIS_ASSIGN_OR_RETURN(Uuid entitlement_id, payload_uuid(op, "entitlement_id"));
    SPMIS_ASSIGN_OR_RETURN(std::int64_t quantity, payload_quantity(op));
    SPMIS_ASSIGN_OR_RETURN(std::optional<store::RedemptionTarget> entitlement,
                           ctx.store.service_points().redemption_target(entitlement_id));
    std::optional<EntitlementFacts> facts;
    std::int64_t before = 0;
    if (entitlement) {
        facts = EntitlementFacts{entitlement->state, entitlement->valid_until, entitlement->entitled_milli()};
        before = entitlement->redeemed_milli;
    }
    Decision d = decide_redemption(op.record_id, entitlement_id, facts, before, quantity, ctx.today);
    if (d.disposition == Disposition::kRejected) return answer(ctx, d, std::nullopt, entitlement_id);
    std::optional<Uuid> program;
    if (entitlement) {
        program = entitlement->program_id;
        model::Redemption r;
        r.id = op.record_id;
        r.entitlement_id = entitlement_id;
        r.service_point_id = *op.routing.service_point;
        r.device_id = op.device_id;
        r.quantity = static_cast<double>(quantity) / 1000.0;
        r.value = Money{0, entitlement->amount.currency};
        std::string collector = payload_text(op, "collector_name");
        r.recipient = collector.empty() ? model::Recipient::kBeneficiary : model::Recipient::kProxy;
        r.proxy_name = collector;
        r.credential_id = payload_text(op, "credential_cti");
        r.recorded_by = ctx.actor;
        r.at = op.time_claim.wall;
        // A refused insert writes nothing; a failure after it (the stamp) is a storage error.
        SPMIS_RETURN_IF_ERROR(ctx.store.service_points().insert_redemption(r));
    }
    SPMIS_ASSIGN_OR_RETURN(OpResult result, written(answer(ctx, d, program, entitlement_id)));
    for (std::size_t i = 0; i < d.cases.size(); ++i) {
        // The over-redemption case lists every redemption of the entitlement, from every device.
        if (d.cases[i].type == "over_redemption") {
            SPMIS_RETURN_IF_ERROR(
                after_first_write(ctx.store.cases().link_redemptions(result.cases[i], entitlement_id)));
        }
    }
    return result;
}

Result<OpResult> apply_void(ApplyContext& ctx) {
    SPMIS_ASSIGN_OR_RETURN(Uuid redemption, payload_uuid(ctx.op, "redemption_id"));
    Status s = ctx.store.service_points().void_redemption(redemption, ctx.actor);
    if (s.code() == ErrorCode::kFailedPrecondition) {
        return OpResult{ctx.op.device_seq, Disposition::kDuplicate, s.message(), {}, std::nullopt};
    }
    SPMIS_RETURN_IF_ERROR(s);
    // Every case listing the redemption lists its void beside it: staff deciding an over-redemption
    // see which hand-over the device took back. A void needs no decision: the answer names no case.
    const store::CaseLink link{redemption, ctx.op.device_id, static_cast<std::int64_t>(ctx.op.device_seq)};
    SPMIS_RETURN_IF_ERROR(ctx.store.cases().link_beside_record(link));
    return OpResult{ctx.op.device_seq, Disposition::kAccepted, "", {}, std::nullopt};
}

}  // namespace spmis::sync::server

// Device store: local domain writes, each in one transaction with its outbox operation.

#include "spmis/base/text.hpp"
#include "spmis/model/membership_machine.hpp"
#include "spmis/sync/device_store.hpp"
#include "store_util.hpp"

namespace spmis::sync {

using device::query_one;
using device::read_text;
using device::Row;
using device::run;
using nlohmann::json;

namespace {

using EntitlementAndVoided = std::pair<std::string, bool>;

// Routing of anything that concerns an entitlement.
Routing entitlement_routing(const PulledEntitlement& ent) {
    Routing r;
    r.service_point = ent.service_point_id;
    r.program = ent.program_id;
    r.cycle = ent.cycle_id;
    if (ent.beneficiary) r.household = ent.beneficiary->household_id;
    return r;
}

// Text an officer typed (a reason, a collector's name, a corrected field): checked here too, so the
// device never signs what the server would refuse at its door.
Status check_typed(const std::string& text, const std::string& field, TextKind kind = TextKind::kLine) {
    return check_text(text, field, kind);
}

Operation new_op(const char* type, const char* kind, const Uuid& record_id) {
    Operation op;
    op.op_type = type;
    op.record_kind = kind;
    op.record_id = record_id;
    return op;
}

}  // namespace

// Why an entitlement cannot be handed out today, or "" when it can: a state other than approved or
// transferred, or a date outside its validity window (the device's own date; the server decides again).
std::string not_redeemable_because(const PulledEntitlement& ent, Date today) {
    using model::EntitlementState;
    if (ent.state != EntitlementState::kApproved && ent.state != EntitlementState::kTransferred)
        return "its state is " + std::string(model::to_string(ent.state));
    const std::string day = format_date(today);
    if (today < ent.valid_from)
        return "it is valid only from " + format_date(ent.valid_from) + " (today is " + day + ")";
    if (today > ent.valid_until)
        return "it expired on " + format_date(ent.valid_until) + " (today is " + day + ")";
    return {};
}

Result<Operation> DeviceStore::record_attendance(const Uuid& registrant_id, const Uuid& event_id) {
    Operation op;
    SPMIS_RETURN_IF_ERROR(db_->transaction([&]() -> Status {
        SPMIS_ASSIGN_OR_RETURN(auto event, this->event(event_id));
        if (!event) {
            return make_error(ErrorCode::kNotFound,
                              "event " + event_id.to_string() + " is not on this device (sync first)");
        }
        SPMIS_ASSIGN_OR_RETURN(
            auto person,
            query_one<std::optional<std::string>>(
                *db_, "SELECT household_id FROM people WHERE registrant_id = ? LIMIT 1",
                [](Row& r) { return r.optional<std::string>(read_text); }, registrant_id.to_string()));
        if (!person) {
            return make_error(ErrorCode::kNotFound, "registrant " + registrant_id.to_string() +
                                                        " is not on this device (sync first)");
        }
        SPMIS_ASSIGN_OR_RETURN(
            auto seen,
            query_one<std::string>(*db_, "SELECT id FROM attendance WHERE registrant_id = ? AND event_id = ?",
                                   read_text, registrant_id.to_string(), event_id.to_string()));
        if (seen) {
            return make_error(ErrorCode::kRefused, "attendance of " + registrant_id.to_string() +
                                                       " at this event is already recorded (" + *seen + ")");
        }
        op = new_op("attendance.record", "attendance", new_uuid_v7());
        op.routing.service_point = event->service_point_id;
        op.routing.program = event->program_id;
        op.routing.cycle = event->cycle_id;
        if (auto hh = Uuid::parse(person->value_or("")); hh.ok()) op.routing.household = *hh;
        std::string sp = op.routing.service_point ? op.routing.service_point->to_string() : "";
        op.payload = {{"registrant_id", registrant_id.to_string()},
                      {"service_point_id", sp.empty() ? json(nullptr) : json(sp)},
                      {"event_id", event_id.to_string()}};
        SPMIS_ASSIGN_OR_RETURN(op, append_op(std::move(op)));
        SPMIS_RETURN_IF_ERROR(check_fail_point("after_outbox"));
        SPMIS_RETURN_IF_ERROR(run(*db_,
                                  "INSERT INTO attendance (id, registrant_id, event_id, service_point_id, "
                                  "device_seq) VALUES (?, ?, ?, ?, ?)",
                                  op.record_id.to_string(), registrant_id.to_string(), event_id.to_string(),
                                  sp, static_cast<std::int64_t>(op.device_seq)));
        return check_fail_point("before_commit");
    }));
    return op;
}

Result<RedeemOutcome> DeviceStore::redeem(const RedeemInput& in) {
    RedeemOutcome out;
    SPMIS_RETURN_IF_ERROR(db_->transaction([&]() -> Status {
        if (in.override_balance && in.override_reason.empty()) {
            return make_error(ErrorCode::kInvalidArgument, "an override needs a reason");
        }
        SPMIS_RETURN_IF_ERROR(check_typed(in.override_reason, "reason", TextKind::kMultiline));
        SPMIS_RETURN_IF_ERROR(check_typed(in.collector_name, "collector name"));
        SPMIS_RETURN_IF_ERROR(check_typed(in.collector_relation, "collector relation"));
        if (!in.credential_cti.empty()) {
            SPMIS_ASSIGN_OR_RETURN(bool used, credential_redeemed(in.credential_cti));
            if (used) {
                return make_error(ErrorCode::kRefused, "ALREADY_REDEEMED: credential " + in.credential_cti +
                                                           " was already redeemed on this device");
            }
        }
        SPMIS_ASSIGN_OR_RETURN(auto ent, entitlement(in.entitlement_id));
        if (!ent && !in.override_balance) {
            return make_error(ErrorCode::kRefused,
                              "entitlement " + in.entitlement_id.to_string() +
                                  " is not on this device; use --override --reason to record it anyway");
        }
        if (ent) {
            const std::string why = not_redeemable_because(*ent, date_of(clock_.wall()));
            if (!why.empty() && !in.override_balance) {
                return make_error(ErrorCode::kRefused, "entitlement " + in.entitlement_id.to_string() +
                                                           " cannot be redeemed: " + why +
                                                           "; use --override --reason to record it anyway");
            }
            out.overridden = !why.empty();
        }
        SPMIS_ASSIGN_OR_RETURN(out.before, balance_in_tx(in.entitlement_id));
        std::int64_t quantity = in.quantity_milli.value_or(out.before.estimate_milli);
        if (quantity <= 0)
            return make_error(ErrorCode::kRefused, "nothing left to redeem (quantity must be positive)");
        if (quantity > out.before.estimate_milli) {
            if (!in.override_balance) {
                return make_error(ErrorCode::kRefused, "redeeming " + format_quantity_milli(quantity) +
                                                           " would exceed the estimated balance of " +
                                                           format_quantity_milli(out.before.estimate_milli) +
                                                           "; use --override --reason to proceed");
            }
            out.overridden = true;
        }
        Operation op = new_op("redemption.record", "redemption", new_uuid_v7());
        if (ent) op.routing = entitlement_routing(*ent);
        op.payload = {{"entitlement_id", in.entitlement_id.to_string()},
                      {"quantity_milli", quantity},
                      {"unit", out.before.unit}};
        if (!in.collector_name.empty()) op.payload["collector_name"] = in.collector_name;
        if (!in.collector_relation.empty()) op.payload["collector_relation"] = in.collector_relation;
        if (!in.credential_cti.empty()) op.payload["credential_cti"] = in.credential_cti;
        if (in.override_balance) op.payload["override_reason"] = in.override_reason;
        op.base = {{"believed_remaining_milli", out.before.estimate_milli}};
        SPMIS_ASSIGN_OR_RETURN(out.op, append_op(std::move(op)));
        SPMIS_RETURN_IF_ERROR(check_fail_point("after_outbox"));
        auto seq = static_cast<std::int64_t>(out.op.device_seq);
        std::string id = out.op.record_id.to_string();
        SPMIS_RETURN_IF_ERROR(
            run(*db_,
                "INSERT INTO redemptions (id, entitlement_id, quantity_milli, credential_cti, device_seq) "
                "VALUES (?, ?, ?, ?, ?)",
                id, in.entitlement_id.to_string(), quantity, in.credential_cti, seq));
        if (!in.credential_cti.empty()) {
            SPMIS_RETURN_IF_ERROR(run(
                *db_, "INSERT INTO redeemed_credentials (cti, redemption_id, device_seq) VALUES (?, ?, ?)",
                in.credential_cti, id, seq));
        }
        return check_fail_point("before_commit");
    }));
    return out;
}

Result<Operation> DeviceStore::void_redemption(const Uuid& redemption_id, const std::string& reason) {
    if (reason.empty()) return make_error(ErrorCode::kInvalidArgument, "a void needs a reason");
    SPMIS_RETURN_IF_ERROR(check_typed(reason, "reason", TextKind::kMultiline));
    Operation op = new_op("redemption.void", "redemption", redemption_id);
    SPMIS_RETURN_IF_ERROR(db_->transaction([&]() -> Status {
        SPMIS_ASSIGN_OR_RETURN(auto local,
                               query_one<EntitlementAndVoided>(
                                   *db_, "SELECT entitlement_id, voided FROM redemptions WHERE id = ?",
                                   [](Row& r) {
                                       return EntitlementAndVoided{r.text(), r.boolean()};
                                   },
                                   redemption_id.to_string()));
        // A device voids what it recorded; others' redemptions are resolved centrally (reconciliation).
        if (!local) {
            return make_error(ErrorCode::kRefused,
                              "redemption " + redemption_id.to_string() + " was not recorded on this device");
        }
        if (local->second) {
            return make_error(ErrorCode::kRefused,
                              "redemption " + redemption_id.to_string() + " is already voided");
        }
        if (auto eid = Uuid::parse(local->first); eid.ok()) {
            SPMIS_ASSIGN_OR_RETURN(auto ent, entitlement(*eid));
            if (ent) op.routing = entitlement_routing(*ent);
        }
        op.payload = {{"redemption_id", redemption_id.to_string()}, {"reason", reason}};
        SPMIS_ASSIGN_OR_RETURN(op, append_op(std::move(op)));
        SPMIS_RETURN_IF_ERROR(check_fail_point("after_outbox"));
        SPMIS_RETURN_IF_ERROR(
            run(*db_, "UPDATE redemptions SET voided = 1 WHERE id = ?", redemption_id.to_string()));
        // A voided hand-over no longer uses its credential.
        SPMIS_RETURN_IF_ERROR(
            run(*db_, "DELETE FROM redeemed_credentials WHERE redemption_id = ?", redemption_id.to_string()));
        return check_fail_point("before_commit");
    }));
    return op;
}

Result<Operation> DeviceStore::transition_membership(const Uuid& membership_id, model::MembershipState to,
                                                     const std::string& reason) {
    if (reason.empty()) return make_error(ErrorCode::kInvalidArgument, "a membership change needs a reason");
    SPMIS_RETURN_IF_ERROR(check_typed(reason, "reason", TextKind::kMultiline));
    const std::string id = membership_id.to_string();
    Operation op;
    SPMIS_RETURN_IF_ERROR(db_->transaction([&]() -> Status {
        SPMIS_ASSIGN_OR_RETURN(
            auto held_text,
            query_one<std::string>(*db_,
                                   "SELECT data FROM pulled WHERE kind = 'entitlement' AND "
                                   "json_extract(data, '$.membership.id') = ? ORDER BY id LIMIT 1",
                                   read_text, id));
        std::optional<PulledEntitlement> ent;
        if (held_text) {
            SPMIS_ASSIGN_OR_RETURN(PulledData held, device::decode_held("entitlement", *held_text));
            ent = std::get<PulledEntitlement>(std::move(held));
        }
        SPMIS_ASSIGN_OR_RETURN(
            auto local,
            query_one<std::string>(*db_, "SELECT state FROM membership_local WHERE id = ?", read_text, id));
        if (!held_text && !local) {
            return make_error(ErrorCode::kNotFound,
                              "membership " + id + " is not on this device (sync first)");
        }
        std::string from_name = local ? *local
                                : ent && ent->membership
                                    ? std::string(model::to_string(ent->membership->state))
                                    : std::string();
        SPMIS_ASSIGN_OR_RETURN(auto from, model::parse_enum<model::MembershipState>(from_name));
        SPMIS_RETURN_IF_ERROR(model::check_transition(membership_id, from, to));
        op = new_op("membership.transition", "membership", membership_id);
        if (ent) op.routing = entitlement_routing(*ent);
        op.payload = {{"membership_id", id}, {"to", std::string(model::to_string(to))}, {"reason", reason}};
        op.base = {{"expected_state", from_name}};
        SPMIS_ASSIGN_OR_RETURN(op, append_op(std::move(op)));
        SPMIS_RETURN_IF_ERROR(check_fail_point("after_outbox"));
        SPMIS_RETURN_IF_ERROR(
            run(*db_,
                "INSERT INTO membership_local (id, state, device_seq) VALUES (?, ?, ?) "
                "ON CONFLICT (id) DO UPDATE SET state = excluded.state, device_seq = excluded.device_seq",
                id, std::string(model::to_string(to)), static_cast<std::int64_t>(op.device_seq)));
        return check_fail_point("before_commit");
    }));
    return op;
}

Result<Operation> DeviceStore::update_registrant(const Uuid& registrant_id,
                                                 const std::map<std::string, std::string>& fields,
                                                 const std::map<std::string, std::int64_t>& field_versions) {
    if (fields.empty()) return make_error(ErrorCode::kInvalidArgument, "no field to update");
    for (const auto& [name, value] : fields) {
        SPMIS_RETURN_IF_ERROR(check_typed(name, "field name"));
        SPMIS_RETURN_IF_ERROR(name == "name" ? check_name(value, name) : check_typed(value, name));
    }
    const std::string id = registrant_id.to_string();
    Operation op = new_op("registrant.update", "registrant", registrant_id);
    SPMIS_RETURN_IF_ERROR(db_->transaction([&]() -> Status {
        SPMIS_ASSIGN_OR_RETURN(auto person,
                               query_one<std::optional<std::string>>(
                                   *db_, "SELECT household_id FROM people WHERE registrant_id = ? LIMIT 1",
                                   [](Row& r) { return r.optional<std::string>(read_text); }, id));
        if (person && *person) {
            if (auto hh = Uuid::parse(**person); hh.ok()) op.routing.household = *hh;
        }
        json versions = json::object();
        for (const auto& [name, value] : fields) {
            auto it = field_versions.find(name);
            versions[name] = it == field_versions.end() ? 0 : it->second;
        }
        op.payload = {{"fields", fields}};
        op.base = {{"field_versions", versions}};
        SPMIS_ASSIGN_OR_RETURN(op, append_op(std::move(op)));
        SPMIS_RETURN_IF_ERROR(check_fail_point("after_outbox"));
        for (const auto& [name, value] : fields) {
            SPMIS_RETURN_IF_ERROR(
                run(*db_,
                    "INSERT INTO registrant_local (id, field, value, device_seq) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT (id, field) DO UPDATE SET value = excluded.value, device_seq = "
                    "excluded.device_seq",
                    id, name, value, static_cast<std::int64_t>(op.device_seq)));
        }
        return check_fail_point("before_commit");
    }));
    return op;
}

}  // namespace spmis::sync

// Intents from the field: membership transitions (compare-and-set) and registrant changes (per field).

#include "apply.hpp"
#include "spmis/base/text.hpp"
#include "spmis/model/membership_machine.hpp"

namespace spmis::sync::server {
namespace {

Result<std::string> text_member(const nlohmann::json& j, const std::string& name, const char* where) {
    auto it = j.find(name);
    if (it == j.end() || !it->is_string()) {
        return make_error(ErrorCode::kInvalidArgument,
                          std::string(where) + " member '" + name + "' must be a string");
    }
    return it->get<std::string>();
}

// Writes one field of a registrant from its text form; kInvalidArgument for unknown fields or values.
Status set_field(model::Registrant& r, const std::string& field, const std::string& value) {
    SPMIS_RETURN_IF_ERROR(field == "given_name" ? check_name(value, field) : check_text(value, field));
    if (field == "phone") {
        r.phone = value;
    } else if (field == "given_name") {
        r.given_name = to_nfc(value);  // one spelling per name, as the API and the import store it
    } else if (field == "family_name") {
        r.family_name = to_nfc(value);
    } else if (field == "national_id") {
        r.national_id = value;
    } else if (field == "birthdate") {
        SPMIS_ASSIGN_OR_RETURN(Date d, parse_date(value));
        r.birthdate = d;
    } else if (field == "sex") {
        SPMIS_ASSIGN_OR_RETURN(r.sex, model::parse_enum<model::Sex>(value));
    } else {
        return make_error(ErrorCode::kInvalidArgument,
                          "field '" + field + "' cannot be changed from the field");
    }
    if (field == "given_name" || field == "family_name") r.name = r.given_name + " " + r.family_name;
    return {};
}

}  // namespace

Result<OpResult> apply_membership_transition(ApplyContext& ctx) {
    const Operation& op = ctx.op;
    SPMIS_ASSIGN_OR_RETURN(Uuid membership_id, payload_uuid(op, "membership_id"));
    SPMIS_ASSIGN_OR_RETURN(std::string to_text, text_member(op.payload, "to", "payload"));
    SPMIS_ASSIGN_OR_RETURN(std::string expected_text, text_member(op.base, "expected_state", "base"));
    SPMIS_ASSIGN_OR_RETURN(auto target, model::parse_enum<model::MembershipState>(to_text));
    SPMIS_ASSIGN_OR_RETURN(auto expected, model::parse_enum<model::MembershipState>(expected_text));
    auto membership = ctx.store.programs().get_membership(membership_id);
    if (!membership.ok() && membership.status().code() != ErrorCode::kNotFound) return membership.status();
    std::optional<model::MembershipState> current;
    std::optional<Uuid> program;
    if (membership.ok()) {
        current = membership->state;
        program = membership->program_id;
    }
    Decision d = decide_membership_transition(membership_id, current, expected, target);
    if (d.apply && d.disposition == Disposition::kAccepted) {
        std::string reason = op.payload.value("reason", std::string());
        SPMIS_RETURN_IF_ERROR(
            ctx.store.programs().transition_membership(membership_id, target, ctx.actor, reason));
    }
    return answer(ctx, d, program, membership_id);
}

Result<OpResult> apply_registrant_update(ApplyContext& ctx) {
    const Operation& op = ctx.op;
    auto fields = op.payload.find("fields");
    if (fields == op.payload.end() || !fields->is_object() || fields->empty()) {
        return make_error(ErrorCode::kInvalidArgument, "payload member 'fields' must be a non-empty object");
    }
    SPMIS_ASSIGN_OR_RETURN(model::Registrant r, ctx.store.registry().get_registrant(op.record_id));
    std::map<std::string, FieldChange> changes;
    std::map<std::string, std::int64_t> versions;
    const nlohmann::json base_versions = op.base.value("field_versions", nlohmann::json::object());
    for (const auto& [field, value] : fields->items()) {
        if (!value.is_string())
            return make_error(ErrorCode::kInvalidArgument, "field '" + field + "' must be text");
        changes[field] = {value.get<std::string>(), base_versions.value(field, std::int64_t{0})};
        SPMIS_ASSIGN_OR_RETURN(versions[field], ctx.store.registry().field_version(op.record_id, field));
    }
    FieldDecision fd = decide_field_update(op.record_id, changes, versions);
    for (const auto& field : fd.apply) {
        SPMIS_RETURN_IF_ERROR(set_field(r, field, changes[field].value));
        SPMIS_RETURN_IF_ERROR(ctx.store.registry().bump_field_version(op.record_id, field));
    }
    if (!fd.apply.empty()) {
        SPMIS_RETURN_IF_ERROR(
            ctx.store.registry().update_registrant(r, ctx.actor, "field update from device"));
    }
    return answer(ctx, fd.decision, std::nullopt, op.record_id);
}

Result<OpResult> apply_registrant_create(ApplyContext& ctx) {
    const Operation& op = ctx.op;
    model::Registrant r;
    r.id = op.record_id;
    r.kind = model::RegistrantKind::kIndividual;
    for (const char* field : {"given_name", "family_name", "birthdate", "sex", "national_id", "phone"}) {
        if (op.payload.contains(field)) {
            SPMIS_ASSIGN_OR_RETURN(std::string value, text_member(op.payload, field, "payload"));
            SPMIS_RETURN_IF_ERROR(set_field(r, field, value));
        }
    }
    r.name = r.given_name + " " + r.family_name;
    r.created_at = r.updated_at = op.time_claim.wall;
    SPMIS_RETURN_IF_ERROR(ctx.store.registry().insert_registrant(r));
    if (op.routing.household) {
        std::string kind = op.payload.value("membership_kind", std::string("other"));
        SPMIS_ASSIGN_OR_RETURN(auto k, model::parse_enum<model::GroupMembershipKind>(kind));
        SPMIS_RETURN_IF_ERROR(ctx.store.registry().put_group_membership({*op.routing.household, r.id, k}));
    }
    Decision d;
    if (!r.national_id.empty()) {
        SPMIS_ASSIGN_OR_RETURN(auto same, ctx.store.registry().registrants_with_national_id(r.national_id));
        if (same.size() > 1) {
            std::string key = "possible_duplicate:national_id:" + r.national_id;
            d = {Disposition::kAcceptedFlagged,
                 true,
                 "another registrant has the same national id",
                 {{"possible_duplicate", key, "registrants share national id " + r.national_id}}};
        }
    }
    return answer(ctx, d, std::nullopt, r.id);
}

}  // namespace spmis::sync::server

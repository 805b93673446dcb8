#include "scope_rules.hpp"

#include <algorithm>
#include <array>

namespace spmis::sync::server {
namespace {

// The table. A new operation kind without a row here is refused before its rule runs.
constexpr std::array kScopeRules = {
    ScopeRule{"attendance.record", ScopeSubject::kRoutedServicePoint},
    ScopeRule{"redemption.record", ScopeSubject::kRoutedServicePoint},
    ScopeRule{"redemption.void", ScopeSubject::kOwnRedemption},
    ScopeRule{"membership.transition", ScopeSubject::kMembership},
    ScopeRule{"registrant.update", ScopeSubject::kRecordRegistrant},
    ScopeRule{"registrant.create", ScopeSubject::kRoutedHousehold},
};

bool in_scopes(const ApplyContext& ctx, const Uuid& service_point) {
    return std::find(ctx.scopes.begin(), ctx.scopes.end(), service_point) != ctx.scopes.end();
}

using Verdict = Result<std::optional<std::string>>;

Verdict registrant_verdict(ApplyContext& ctx, const Uuid& registrant, const char* what) {
    SPMIS_ASSIGN_OR_RETURN(auto served_at, ctx.store.registry().service_points_of_registrant(registrant));
    for (const Uuid& sp : served_at)
        if (in_scopes(ctx, sp)) return std::optional<std::string>();
    return std::optional<std::string>(std::string(what) + " " + registrant.to_string() +
                                      " is not served at the device's service points");
}

Verdict membership_verdict(ApplyContext& ctx) {
    Result<Uuid> id = payload_uuid(ctx.op, "membership_id");
    if (!id.ok()) return std::optional<std::string>();  // malformed: the rule answers it
    auto membership = ctx.store.programs().get_membership(*id);
    if (!membership.ok()) {
        if (membership.status().code() != ErrorCode::kNotFound) return membership.status();
        return std::optional<std::string>();  // unknown membership: the rule raises its case
    }
    return registrant_verdict(ctx, membership->registrant_id, "the membership's registrant");
}

Verdict record_registrant_verdict(ApplyContext& ctx) {
    SPMIS_ASSIGN_OR_RETURN(bool exists, ctx.store.registry().registrant_exists(ctx.op.record_id));
    if (!exists) return std::optional<std::string>();  // unknown registrant: the rule answers it
    return registrant_verdict(ctx, ctx.op.record_id, "registrant");
}

Verdict household_verdict(ApplyContext& ctx) {
    const auto& household = ctx.op.routing.household;
    if (!household)
        return std::optional<std::string>(
            "a new registrant must name the household it joins (routing.household)");
    return registrant_verdict(ctx, *household, "household");
}

Verdict redemption_verdict(ApplyContext& ctx) {
    Result<Uuid> id = payload_uuid(ctx.op, "redemption_id");
    if (!id.ok()) return std::optional<std::string>();
    Result<std::optional<Uuid>> device = ctx.store.service_points().redemption_device(*id);
    if (!device.ok()) {
        if (device.status().code() != ErrorCode::kNotFound) return device.status();
        return std::optional<std::string>();  // unknown redemption: the rule answers it
    }
    if (*device == ctx.op.device_id) return std::optional<std::string>();
    return std::optional<std::string>("redemption " + id->to_string() +
                                      " was recorded by another device; only central staff may void it");
}

}  // namespace

std::optional<ScopeRule> scope_rule_for(std::string_view op_type) {
    for (const ScopeRule& rule : kScopeRules)
        if (rule.op_type == op_type) return rule;
    return std::nullopt;
}

Result<std::optional<std::string>> out_of_scope(ApplyContext& ctx) {
    const std::optional<ScopeRule> rule = scope_rule_for(ctx.op.op_type);
    if (!rule) return std::optional<std::string>("unknown op_type '" + ctx.op.op_type + "'");
    switch (rule->subject) {
        case ScopeSubject::kRoutedServicePoint: {
            const auto& sp = ctx.op.routing.service_point;
            if (sp && in_scopes(ctx, *sp)) return std::optional<std::string>();
            return std::optional<std::string>("service point outside the device's scope");
        }
        case ScopeSubject::kRecordRegistrant: return record_registrant_verdict(ctx);
        case ScopeSubject::kMembership: return membership_verdict(ctx);
        case ScopeSubject::kRoutedHousehold: return household_verdict(ctx);
        case ScopeSubject::kOwnRedemption: return redemption_verdict(ctx);
    }
    return std::optional<std::string>("no scope rule");
}

}  // namespace spmis::sync::server

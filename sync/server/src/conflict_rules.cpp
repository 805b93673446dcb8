#include "spmis/sync/conflict_rules.hpp"

#include <set>

#include "spmis/model/membership_machine.hpp"
#include "spmis/sync/server_tuning.hpp"

namespace spmis::sync {
namespace {

using model::EntitlementState;
using model::to_string;

Decision flagged(std::string reason, CaseRequest c) {
    return {Disposition::kAcceptedFlagged, true, std::move(reason), {std::move(c)}};
}

std::string milli(std::int64_t v) {
    std::string s = std::to_string(v / 1000);
    if (v % 1000 != 0) s += "." + std::to_string(1000 + (v < 0 ? -v : v) % 1000).substr(1);
    return s;
}

}  // namespace

Decision decide_attendance(const std::optional<Uuid>& first_record_for_natural_key) {
    if (!first_record_for_natural_key) return {};
    return {Disposition::kAccepted,
            false,
            "duplicate attendance of " + first_record_for_natural_key->to_string() + ": kept, counted once",
            {}};
}

Decision decide_redemption(const Uuid& redemption_id, const Uuid& entitlement_id,
                           const std::optional<EntitlementFacts>& entitlement,
                           std::int64_t redeemed_before_milli, std::int64_t quantity_milli, Date today) {
    if (quantity_milli <= 0) return {Disposition::kRejected, false, "quantity must be positive", {}};
    const std::string ent = entitlement_id.to_string();
    // One case per problem of the entitlement (every redemption it concerns links to it), and every
    // problem raised: an expired basket handed out twice is both expired and over-redeemed.
    if (!entitlement) {
        return flagged("redemption " + redemption_id.to_string() + " of unknown entitlement " + ent,
                       {"entitlement_problem", "entitlement_problem:" + ent + ":unknown",
                        "redemptions of unknown entitlement " + ent});
    }
    Decision d{Disposition::kAccepted, true, "", {}};
    auto add = [&](const std::string& reason, CaseRequest c) {
        d.disposition = Disposition::kAcceptedFlagged;
        d.reason += (d.reason.empty() ? "" : "; ") + reason;
        d.cases.push_back(std::move(c));
    };
    const bool expired = entitlement->state == EntitlementState::kExpired || entitlement->valid_until < today;
    if (expired || entitlement->state == EntitlementState::kCancelled ||
        entitlement->state == EntitlementState::kRejected) {
        std::string why = expired ? "expired" : std::string(to_string(entitlement->state));
        add("entitlement " + ent + " is " + why,
            {"entitlement_problem", "entitlement_problem:" + ent + ":" + why,
             "redemptions of " + why + " entitlement " + ent});
    }
    std::int64_t total = redeemed_before_milli + quantity_milli;
    if (total > entitlement->entitled_milli) {
        add("over-redemption of " + ent + ": " + milli(total) + " of " + milli(entitlement->entitled_milli),
            {"over_redemption", "over_redemption:" + ent,
             "redemptions of entitlement " + ent + " exceed it"});
    }
    return d;
}

Decision decide_membership_transition(const Uuid& membership_id,
                                      const std::optional<model::MembershipState>& server_state,
                                      model::MembershipState expected, model::MembershipState target) {
    const std::string id = membership_id.to_string();
    if (!server_state) return {Disposition::kRejected, false, "unknown membership " + id, {}};
    // Field officers pause, resume and exit; eligibility decisions belong to central staff.
    using S = model::MembershipState;
    if (target != S::kPaused && target != S::kEnrolled && target != S::kExited) {
        return {
            Disposition::kRejected,
            false,
            "a field device may not move membership " + id + " to '" + std::string(to_string(target)) + "'",
            {}};
    }
    if (*server_state == target) {
        return {Disposition::kDuplicate,
                false,
                "membership " + id + " is already " + std::string(to_string(target)),
                {}};
    }
    if (*server_state != expected) {
        std::string why = "membership " + id + " is '" + std::string(to_string(*server_state)) +
                          "' on the server, device expected '" + std::string(to_string(expected)) +
                          "': server state kept";
        Decision d =
            flagged(why, {"membership_conflict",
                          "membership_conflict:" + id + ":" + std::string(to_string(expected)), why});
        d.apply = false;
        return d;
    }
    Status legal = model::membership_machine().check(membership_id, expected, target);
    if (!legal.ok()) return {Disposition::kRejected, false, legal.message(), {}};
    return {};
}

bool is_identity_field(const std::string& field) {
    static const std::set<std::string> kIdentity = {"name",      "given_name",  "family_name",
                                                    "birthdate", "national_id", "external_id",
                                                    "sex",       "group_id",    "membership_kind"};
    return kIdentity.contains(field);
}

FieldDecision decide_field_update(const Uuid& registrant_id,
                                  const std::map<std::string, FieldChange>& changes,
                                  const std::map<std::string, std::int64_t>& server_versions) {
    FieldDecision out;
    for (const auto& [field, change] : changes) {
        auto it = server_versions.find(field);
        std::int64_t current = it == server_versions.end() ? 0 : it->second;
        if (change.base_version == current || !is_identity_field(field)) {
            out.apply.push_back(field);
            continue;
        }
        out.conflicts.push_back(field);
        std::string key = "field_conflict:" + registrant_id.to_string() + ":" + field + ":" +
                          std::to_string(change.base_version);
        out.decision.cases.push_back(
            {"field_conflict", key,
             "identity field '" + field + "' of registrant " + registrant_id.to_string() +
                 " changed on the server since version " + std::to_string(change.base_version)});
    }
    if (!out.conflicts.empty()) {
        out.decision.disposition = Disposition::kAcceptedFlagged;
        out.decision.reason = std::to_string(out.conflicts.size()) + " identity field(s) need review";
    }
    out.decision.apply = !out.apply.empty();
    return out;
}

std::optional<std::string> clock_skew(const TimeClaim& claim, UtcTime received_at) {
    const auto tolerance = tuning::kClockSkewTolerance;
    if (claim.anchor_server_time && claim.anchor_monotonic_ms) {
        UtcTime implied = *claim.anchor_server_time +
                          std::chrono::milliseconds(claim.monotonic_ms - *claim.anchor_monotonic_ms);
        auto off = claim.wall - implied;
        if (off > tolerance || off < -tolerance) {
            auto minutes = std::chrono::duration_cast<std::chrono::minutes>(off).count();
            return "device clock is " + std::to_string(minutes) +
                   " minutes off the time its evidence implies";
        }
        return std::nullopt;
    }
    if (claim.wall > received_at + tolerance) {
        auto minutes = std::chrono::duration_cast<std::chrono::minutes>(claim.wall - received_at).count();
        return "device clock claims a time " + std::to_string(minutes) +
               " minutes after the server received it";
    }
    return std::nullopt;
}

}  // namespace spmis::sync

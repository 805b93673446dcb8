#pragma once
// The domain conflict rules, one per record kind (SYNC.md "Rules by record kind"), as pure
// decisions over what the server (or the device, for its own warnings) knows. The apply layer
// gathers the facts, asks the rule, and writes what it decided in one transaction.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "spmis/base/time.hpp"
#include "spmis/base/uuid.hpp"
#include "spmis/model/entitlement.hpp"
#include "spmis/model/program.hpp"
#include "spmis/sync/messages.hpp"
#include "spmis/sync/operation.hpp"

namespace spmis::sync {

// A case the rule wants in the reconciliation queue. `key` is deterministic so that a replay,
// or a second operation about the same conflict, finds the existing case instead of a new one.
struct CaseRequest {
    std::string
        type;  // over_redemption, entitlement_problem, membership_conflict, field_conflict, clock_skew
    std::string key;
    std::string summary;

    bool operator==(const CaseRequest&) const = default;
};

struct Decision {
    Disposition disposition = Disposition::kAccepted;
    bool apply = true;   // write the domain effect (a fact is always stored; this says it counts)
    std::string reason;  // for the device and for staff
    std::vector<CaseRequest> cases;
};

// Attendance: insert-only. A second record for the same (registrant, service point, event) is kept
// and linked to the first, but counted once.
Decision decide_attendance(const std::optional<Uuid>& first_record_for_natural_key);

// What the server knows about the entitlement a redemption draws on.
struct EntitlementFacts {
    model::EntitlementState state = model::EntitlementState::kApproved;
    Date valid_until{};
    std::int64_t entitled_milli = 0;  // entitled quantity (or voucher value) in thousandths
};

// Redemption: always accepted (a fact). Unknown, expired or cancelled entitlements and
// over-redemption are flagged with one case keyed per entitlement (or per redemption when the
// entitlement is unknown). redeemed_before_milli counts accepted, non-voided redemptions.
Decision decide_redemption(const Uuid& redemption_id, const Uuid& entitlement_id,
                           const std::optional<EntitlementFacts>& entitlement,
                           std::int64_t redeemed_before_milli, std::int64_t quantity_milli, Date today);

// Membership transition: compare-and-set against the state the device saw.
Decision decide_membership_transition(const Uuid& membership_id,
                                      const std::optional<model::MembershipState>& server_state,
                                      model::MembershipState expected, model::MembershipState target);

// Registrant field update: per field, against the version the device saw.
struct FieldChange {
    std::string value;
    std::int64_t base_version = 0;
};
struct FieldDecision {
    std::vector<std::string> apply;      // fields to write (in server order)
    std::vector<std::string> conflicts;  // identity fields kept at the server value, each with a case
    Decision decision;
};
// Identity fields (names, birthdate, ids, household composition) raise a case when stale; every
// other field merges automatically in server order.
FieldDecision decide_field_update(const Uuid& registrant_id,
                                  const std::map<std::string, FieldChange>& changes,
                                  const std::map<std::string, std::int64_t>& server_versions);
bool is_identity_field(const std::string& field);

// Device clock: the wall-clock claim is compared with the time the evidence implies (the server
// time anchored at the last hello plus the monotonic time since, within one boot; without an
// anchor, the receive time bounds it from above). Returns why the claim is implausible, if it is.
std::optional<std::string> clock_skew(const TimeClaim& claim, UtcTime received_at);

}  // namespace spmis::sync

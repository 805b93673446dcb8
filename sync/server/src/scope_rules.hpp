#pragma once
// Which records a device may touch, per operation kind: one table (scope_rules.cpp), checked in one
// place before any rule runs. An operation outside its device's scope is rejected with the reason,
// stored with its answer, and changes nothing. Internal to the sync server.

#include <optional>
#include <string>
#include <string_view>

#include "apply.hpp"

namespace spmis::sync::server {

// What an operation kind touches, and so what must lie inside the device's service points.
enum class ScopeSubject {
    kRoutedServicePoint,  // the service point it was recorded at (facts)
    kRecordRegistrant,    // the registrant it names as its record (registrant.update)
    kMembership,          // the registrant of the membership in its payload (membership.transition)
    kRoutedHousehold,     // the household it adds a person to (registrant.create)
    kOwnRedemption,       // a redemption this device recorded (redemption.void)
};

struct ScopeRule {
    std::string_view op_type;
    ScopeSubject subject;
};

// The rule of an operation kind; nullopt for a kind with no rule (such an operation is refused).
std::optional<ScopeRule> scope_rule_for(std::string_view op_type);

// The reason the operation lies outside the device's scope, or nullopt when it is inside. An
// unknown record is left to the kind's own rule (which answers "unknown ..."), except where the
// record decides the scope. kStorage errors pass through.
Result<std::optional<std::string>> out_of_scope(ApplyContext& ctx);

}  // namespace spmis::sync::server

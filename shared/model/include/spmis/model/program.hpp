#pragma once
// Programs and program memberships (who is in which program, in which state).

#include <map>
#include <optional>
#include <string>

#include "spmis/base/money.hpp"
#include "spmis/base/time.hpp"
#include "spmis/base/uuid.hpp"
#include "spmis/model/enum_names.hpp"

namespace spmis::model {

enum class TargetType { kIndividual, kGroup };
enum class ProgramState { kActive, kEnded };
enum class EntitlementKind { kCash, kInKind, kVoucher };
enum class AmountRuleKind { kFixed, kCel };
enum class MembershipState { kDraft, kEnrolled, kNotEligible, kDuplicated, kPaused, kExited };

template <>
struct EnumInfo<TargetType> {
    static constexpr std::string_view kKind = "target type";
    static constexpr std::array<std::string_view, 2> kNames{"individual", "group"};
};
template <>
struct EnumInfo<ProgramState> {
    static constexpr std::string_view kKind = "program state";
    static constexpr std::array<std::string_view, 2> kNames{"active", "ended"};
};
template <>
struct EnumInfo<EntitlementKind> {
    static constexpr std::string_view kKind = "entitlement kind";
    static constexpr std::array<std::string_view, 3> kNames{"cash", "in_kind", "voucher"};
};
template <>
struct EnumInfo<AmountRuleKind> {
    static constexpr std::string_view kKind = "amount rule kind";
    static constexpr std::array<std::string_view, 2> kNames{"fixed", "cel"};
};
template <>
struct EnumInfo<MembershipState> {
    static constexpr std::string_view kKind = "membership state";
    static constexpr std::array<std::string_view, 6> kNames{"draft",      "enrolled", "not_eligible",
                                                            "duplicated", "paused",   "exited"};
};

// How much one beneficiary gets per cycle: a fixed value or a CEL expression returning it. The
// value is in minor units of the program currency for cash and vouchers, in `unit`s for in-kind.
struct EntitlementRule {
    AmountRuleKind kind = AmountRuleKind::kFixed;
    std::int64_t fixed_value = 0;
    std::string cel;  // for kCel; in major units (e.g. USD) for cash, as the rule author writes it

    bool operator==(const EntitlementRule&) const = default;
};

// A social protection program. CEL texts are stored as written; the CEL engine compiles them.
struct Program {
    Uuid id;
    std::string code;  // short unique code, e.g. "CHILD_GRANT"
    std::string name;
    TargetType target = TargetType::kGroup;
    ProgramState state = ProgramState::kActive;
    std::string eligibility_cel;
    std::string compliance_cel;  // conditional transfers; empty when unconditional
    EntitlementKind kind = EntitlementKind::kCash;
    EntitlementRule rule;
    std::string currency;                          // ISO 4217 for cash and vouchers
    std::string item;                              // in-kind item, e.g. "food basket"
    double quantity = 0;                           // in-kind quantity per entitlement when the rule is fixed
    std::string unit;                              // in-kind unit, e.g. "basket"
    std::map<std::string, std::string> variables;  // name -> CEL text, e.g. retirement_age -> "65"
    UtcTime created_at{};

    bool operator==(const Program&) const = default;
};

// A registrant's membership of a program.
struct ProgramMembership {
    Uuid id;
    Uuid program_id;
    Uuid registrant_id;
    MembershipState state = MembershipState::kDraft;
    std::optional<Date> enrollment_date;
    std::optional<Date> exit_date;
    UtcTime created_at{};
    UtcTime updated_at{};

    bool operator==(const ProgramMembership&) const = default;
};

}  // namespace spmis::model

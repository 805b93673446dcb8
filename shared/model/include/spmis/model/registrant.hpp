#pragma once
// Registrants: individuals and groups (households), and who belongs to which group.

#include <optional>
#include <string>
#include <vector>

#include "spmis/base/money.hpp"
#include "spmis/base/time.hpp"
#include "spmis/base/uuid.hpp"
#include "spmis/model/enum_names.hpp"

namespace spmis::model {

enum class RegistrantKind { kIndividual, kGroup };
enum class Sex { kUnknown, kFemale, kMale, kOther };
enum class GroupMembershipKind { kHead, kSpouse, kChild, kOther };
enum class AttributeType { kText, kInteger, kNumber, kBoolean, kDate };

template <>
struct EnumInfo<RegistrantKind> {
    static constexpr std::string_view kKind = "registrant kind";
    static constexpr std::array<std::string_view, 2> kNames{"individual", "group"};
};
template <>
struct EnumInfo<Sex> {
    static constexpr std::string_view kKind = "sex";
    static constexpr std::array<std::string_view, 4> kNames{"unknown", "female", "male", "other"};
};
template <>
struct EnumInfo<GroupMembershipKind> {
    static constexpr std::string_view kKind = "group membership kind";
    static constexpr std::array<std::string_view, 4> kNames{"head", "spouse", "child", "other"};
};
template <>
struct EnumInfo<AttributeType> {
    static constexpr std::string_view kKind = "attribute type";
    static constexpr std::array<std::string_view, 5> kNames{"text", "integer", "number", "boolean", "date"};
};

// A typed custom attribute; the value is kept as text in its canonical form for the type.
struct CustomAttribute {
    std::string name;
    AttributeType type = AttributeType::kText;
    std::string value;

    bool operator==(const CustomAttribute&) const = default;
};

// An individual or a group. Groups use `name` and leave the personal fields empty.
struct Registrant {
    Uuid id;
    RegistrantKind kind = RegistrantKind::kIndividual;
    std::string external_id;  // stable id from the source system (CSV import key); may be empty
    std::string name;         // display name: "given family" or the household name
    std::string given_name;
    std::string family_name;
    std::optional<Date> birthdate;
    Sex sex = Sex::kUnknown;
    std::optional<Uuid> area_id;
    std::string phone;
    std::string national_id;
    bool disability = false;
    std::optional<Money> income;  // monthly income
    std::optional<double> pmt_score;
    std::optional<double> vulnerability_score;
    std::vector<CustomAttribute> attributes;
    UtcTime created_at{};
    UtcTime updated_at{};

    bool operator==(const Registrant&) const = default;
};

// One individual's membership of one group.
struct GroupMembership {
    Uuid group_id;
    Uuid individual_id;
    GroupMembershipKind kind = GroupMembershipKind::kOther;

    bool operator==(const GroupMembership&) const = default;
};

}  // namespace spmis::model

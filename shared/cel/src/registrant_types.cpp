#include "registrant_types.hpp"

#include <algorithm>
#include <array>

#include "time_util.hpp"

namespace spmis::cel {
namespace {

// Fixed fields of individuals; custom attributes follow at kIndividualFields + n.
enum IndividualField : int {
    kId,
    kAge,
    kBirthdate,
    kSex,
    kDisability,
    kIncome,
    kRole,
    kArea,
    kAreaPath,
    kTags
};
constexpr std::array<std::string_view, 10> kIndividualNames = {
    "id", "age", "birthdate", "sex", "disability", "income", "role", "area", "area_path", "tags"};

enum HouseholdField : int {
    kHId,
    kHSize,
    kHMembers,
    kHDependencyRatio,
    kHVulnerability,
    kHPmt,
    kHArea,
    kHAreaPath,
    kHTags
};
constexpr std::array<std::string_view, 9> kHouseholdNames = {
    "id",   "size",      "members", "dependency_ratio", "vulnerability_score", "pmt_score",
    "area", "area_path", "tags"};

template <std::size_t N>
int fixed_index(const std::array<std::string_view, N>& names, std::string_view field) {
    auto it = std::find(names.begin(), names.end(), field);
    return it == names.end() ? -1 : static_cast<int>(it - names.begin());
}

// Shared immutable strings so reading `sex` or `role` allocates nothing.
const Value& sex_value(Sex s) {
    static const Value kValues[] = {Value::string("unknown"), Value::string("female"), Value::string("male"),
                                    Value::string("other")};
    return kValues[static_cast<int>(s)];
}

const Value& role_value(MembershipKind k) {
    static const Value kValues[] = {Value::string("other"), Value::string("head"), Value::string("spouse"),
                                    Value::string("child")};
    return kValues[static_cast<int>(k)];
}

Value custom_field(const std::vector<CustomAttribute>& custom, const std::string& name) {
    const Value* v = find_custom(custom, name);
    return v != nullptr ? *v : Value::error("no such field: '" + name + "'");
}

}  // namespace

int CustomFieldNames::intern(std::string_view name) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = std::find(names_.begin(), names_.end(), name);
    if (it != names_.end()) {
        return static_cast<int>(it - names_.begin());
    }
    names_.emplace_back(name);
    return static_cast<int>(names_.size() - 1);
}

std::string CustomFieldNames::name(int index) const {
    std::lock_guard<std::mutex> lock(mu_);
    return names_[static_cast<std::size_t>(index)];
}

Value string_list(const std::vector<std::string>& items) {
    ListValue out;
    out.reserve(items.size());
    for (const auto& s : items) {
        out.push_back(Value::string(s));
    }
    return Value::list(std::move(out));
}

const Value* find_custom(const std::vector<CustomAttribute>& custom, std::string_view name) {
    for (const auto& [n, v] : custom) {
        if (n == name) {
            return &v;
        }
    }
    return nullptr;
}

IndividualType::IndividualType(Date reference)
    : ref_year_(static_cast<int>(reference.year())),
      ref_month_(static_cast<unsigned>(reference.month())),
      ref_day_(static_cast<unsigned>(reference.day())) {}

std::int64_t IndividualType::age_of(const IndividualRecord& r) const {
    int by = static_cast<int>(r.birthdate.year());
    auto bm = static_cast<unsigned>(r.birthdate.month());
    auto bd = static_cast<unsigned>(r.birthdate.day());
    bool before_birthday = ref_month_ < bm || (ref_month_ == bm && ref_day_ < bd);
    return ref_year_ - by - (before_birthday ? 1 : 0);
}

int IndividualType::field_index(std::string_view field) const {
    int i = fixed_index(kIndividualNames, field);
    return i >= 0 ? i : static_cast<int>(kIndividualNames.size()) + custom_.intern(field);
}

Value IndividualType::field(const void* ptr, int index) const {
    const auto& r = *static_cast<const IndividualRecord*>(ptr);
    switch (index) {
        case kId: return Value::string(r.id.to_string());
        case kAge: return Value::integer(age_of(r));
        case kBirthdate:
            return Value::timestamp({days_from_civil(static_cast<int>(r.birthdate.year()),
                                                     static_cast<unsigned>(r.birthdate.month()),
                                                     static_cast<unsigned>(r.birthdate.day())) *
                                         86400,
                                     0});
        case kSex: return sex_value(r.sex);
        case kDisability: return Value::boolean(r.disability);
        case kIncome: return Value::dbl(r.income);
        case kRole: return role_value(r.membership);
        case kArea: return Value::string(r.area_code);
        case kAreaPath: return string_list(r.area_path);
        case kTags: return string_list(r.tags);
        default:
            return custom_field(r.custom, custom_.name(index - static_cast<int>(kIndividualNames.size())));
    }
}

bool IndividualType::has_field(const void* ptr, int index) const {
    if (index < static_cast<int>(kIndividualNames.size())) {
        return true;
    }
    const auto& r = *static_cast<const IndividualRecord*>(ptr);
    return find_custom(r.custom, custom_.name(index - static_cast<int>(kIndividualNames.size()))) != nullptr;
}

std::size_t MemberListType::list_size(const void* ptr) const {
    return static_cast<const std::vector<IndividualRecord>*>(ptr)->size();
}

Value MemberListType::list_at(const void* ptr, std::size_t i) const {
    const auto& members = *static_cast<const std::vector<IndividualRecord>*>(ptr);
    // Comprehensions walk members in order: start loading the next one while this one is used.
    if (i + 1 < members.size()) __builtin_prefetch(&members[i + 1].birthdate);
    return Value::object(element_, &members[i]);
}

int HouseholdType::field_index(std::string_view field) const {
    int i = fixed_index(kHouseholdNames, field);
    return i >= 0 ? i : static_cast<int>(kHouseholdNames.size()) + custom_.intern(field);
}

Value HouseholdType::field(const void* ptr, int index) const {
    const auto& h = *static_cast<const HouseholdRecord*>(ptr);
    switch (index) {
        case kHId: return Value::string(h.id.to_string());
        case kHSize: return Value::integer(static_cast<std::int64_t>(h.members.size()));
        case kHMembers: return Value::object(members_, &h.members);
        case kHDependencyRatio: {
            std::int64_t dependants = 0;
            for (const auto& m : h.members) {
                std::int64_t age = individual_->age_of(m);
                dependants += (age < 18 || age >= 60) ? 1 : 0;
            }
            auto working = static_cast<std::int64_t>(h.members.size()) - dependants;
            return Value::dbl(static_cast<double>(dependants) /
                              static_cast<double>(std::max<std::int64_t>(1, working)));
        }
        case kHVulnerability: return Value::dbl(h.vulnerability_score);
        case kHPmt: return Value::dbl(h.pmt_score);
        case kHArea: return Value::string(h.area_code);
        case kHAreaPath: return string_list(h.area_path);
        case kHTags: return string_list(h.tags);
        default:
            return custom_field(h.custom, custom_.name(index - static_cast<int>(kHouseholdNames.size())));
    }
}

bool HouseholdType::has_field(const void* ptr, int index) const {
    if (index < static_cast<int>(kHouseholdNames.size())) {
        return true;
    }
    const auto& h = *static_cast<const HouseholdRecord*>(ptr);
    return find_custom(h.custom, custom_.name(index - static_cast<int>(kHouseholdNames.size()))) != nullptr;
}

}  // namespace spmis::cel

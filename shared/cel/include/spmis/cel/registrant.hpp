#pragma once
// Plain in-memory registrant records that rules are evaluated over. The store (or a test, or
// the benchmark generator) fills them; shared/cel does not depend on the store.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "spmis/base/time.hpp"
#include "spmis/base/uuid.hpp"
#include "spmis/cel/value.hpp"

namespace spmis::cel {

enum class Sex : std::uint8_t { kUnknown, kFemale, kMale, kOther };

// Kind of group membership (OpenSPP's vocabulary).
enum class MembershipKind : std::uint8_t { kOther, kHead, kSpouse, kChild };

// Custom attribute: a name and a CEL value (int, double, string, bool, list, ...).
using CustomAttribute = std::pair<std::string, Value>;

struct IndividualRecord {
    Uuid id;
    Date birthdate{};
    Sex sex = Sex::kUnknown;
    bool disability = false;
    double income = 0;  // monthly income in major currency units
    MembershipKind membership = MembershipKind::kOther;
    std::string area_code;
    std::vector<std::string> area_path;  // area_code and the codes of all its ancestors
    std::vector<std::string> tags;
    std::vector<CustomAttribute> custom;
};

struct HouseholdRecord {
    Uuid id;
    std::vector<IndividualRecord> members;
    double pmt_score = 0;
    double vulnerability_score = 0;
    std::string area_code;
    std::vector<std::string> area_path;  // area_code and the codes of all its ancestors
    std::vector<std::string> tags;
    std::vector<CustomAttribute> custom;
};

}  // namespace spmis::cel

#pragma once
// Named personas of the demo: fixed households whose expected eligibility per demo program is
// written down next to them (and in docs/personas.md). Some qualify; edge cases must not.

#include <map>
#include <string>
#include <vector>

#include "spmis/base/uuid.hpp"
#include "spmis/model/registrant.hpp"

namespace spmis::demo {

// One person in a persona household.
struct PersonaMember {
    std::string external_id;
    std::string given_name;
    std::string family_name;
    std::string birthdate;  // YYYY-MM-DD
    model::Sex sex;
    model::GroupMembershipKind kind;
    bool pension_eligible;  // expected ELDERLY_PENSION eligibility on kDemoReferenceDate
    std::string note;       // why, for edge cases
};

// A persona household with its expected eligibility for every group-targeted demo program.
struct PersonaHousehold {
    std::string external_id;
    std::string name;
    std::string story;
    double pmt_score;
    double vulnerability_score;
    double farm_hectares;
    std::int64_t income_minor;  // USD cents per month
    std::vector<PersonaMember> members;
    std::map<std::string, bool> expected;  // program code -> eligible
};

// The personas, in a fixed order. Their registrant ids are persona_id(index) and persona_id(index, member +
// 1).
const std::vector<PersonaHousehold>& persona_households();

// Fixed id of persona household `household` (member 0) or of its member `member` (1-based).
Uuid persona_id(std::size_t household, std::size_t member = 0);

}  // namespace spmis::demo

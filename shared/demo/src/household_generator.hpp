#pragma once
// Random households with realistic shapes: sizes 1-12 (mode 4), a head, often a spouse, children
// and some elderly or adult relatives; ages, sex, disability, income, PMT and vulnerability scores
// that correlate the way survey data does. Deterministic for a seed.

#include <vector>

#include "spmis/base/clock.hpp"
#include "spmis/base/uuid.hpp"
#include "spmis/model/registrant.hpp"

namespace spmis::demo {

// One household: the group, its members and their memberships, in id order.
struct GeneratedHousehold {
    model::Registrant group;
    std::vector<model::Registrant> members;
    std::vector<model::GroupMembership> memberships;
};

class HouseholdGenerator {
public:
    // `districts` are the areas households live in; `ids` mints every id.
    HouseholdGenerator(std::uint64_t seed, std::vector<Uuid> districts, UuidGenerator& ids, Date reference);

    // The household with 1-based number `n` (used in its external id "DH0000042").
    GeneratedHousehold next(std::size_t n);

private:
    int household_size();
    model::Registrant person(const GeneratedHousehold& h, std::size_t index, int age, model::Sex sex);
    void add_member(GeneratedHousehold& h, model::GroupMembershipKind kind, int age, model::Sex sex);
    void score(GeneratedHousehold& h);
    double round1(double v) const;

    SeededRandom rng_;
    std::vector<Uuid> districts_;
    UuidGenerator& ids_;
    Date reference_;
    UtcTime now_;
    std::string family_;
};

}  // namespace spmis::demo

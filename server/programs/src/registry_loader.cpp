#include "spmis/programs/registry_loader.hpp"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <map>
#include <optional>
#include <string>

namespace spmis::programs {

Result<AreaMap> load_areas(store::Store& store) {
    SPMIS_ASSIGN_OR_RETURN(auto areas, store.registry().list_areas());
    // list_areas() is ordered by level, so a parent is always mapped before its children.
    AreaMap out;
    for (const auto& a : areas) {
        AreaInfo info{a.code, {a.code}};
        if (a.parent_id) {
            auto parent = out.find(*a.parent_id);
            if (parent != out.end())
                info.path.insert(info.path.end(), parent->second.path.begin(), parent->second.path.end());
        }
        out.emplace(a.id, std::move(info));
    }
    return out;
}

namespace {

void set_area(const AreaMap& areas, const std::optional<Uuid>& area_id, std::string& code,
              std::vector<std::string>& path) {
    if (!area_id) return;
    auto it = areas.find(*area_id);
    if (it == areas.end()) return;
    code = it->second.code;
    path = it->second.path;
}

cel::Value attribute_value(const model::CustomAttribute& a) {
    switch (a.type) {
        case model::AttributeType::kInteger: {
            std::int64_t v = 0;
            auto [ptr, ec] = std::from_chars(a.value.data(), a.value.data() + a.value.size(), v);
            if (ec == std::errc() && ptr == a.value.data() + a.value.size()) return cel::Value::integer(v);
            return cel::Value::error("attribute " + a.name + " is not an integer: " + a.value);
        }
        case model::AttributeType::kNumber: {
            char* end = nullptr;
            double v = std::strtod(a.value.c_str(), &end);
            if (!a.value.empty() && end == a.value.c_str() + a.value.size()) return cel::Value::dbl(v);
            return cel::Value::error("attribute " + a.name + " is not a number: " + a.value);
        }
        case model::AttributeType::kBoolean: return cel::Value::boolean(a.value == "true" || a.value == "1");
        case model::AttributeType::kText:
        case model::AttributeType::kDate: break;
    }
    return cel::Value::string(a.value);
}

std::vector<cel::CustomAttribute> attributes(const store::RuleFields& r) {
    std::vector<cel::CustomAttribute> out;
    out.reserve(r.attributes.size());
    for (const auto& a : r.attributes) out.emplace_back(a.name, attribute_value(a));
    return out;
}

cel::Sex sex_of(model::Sex s) {
    switch (s) {
        case model::Sex::kFemale: return cel::Sex::kFemale;
        case model::Sex::kMale: return cel::Sex::kMale;
        case model::Sex::kOther: return cel::Sex::kOther;
        case model::Sex::kUnknown: break;
    }
    return cel::Sex::kUnknown;
}

cel::MembershipKind kind_of(model::GroupMembershipKind k) {
    switch (k) {
        case model::GroupMembershipKind::kHead: return cel::MembershipKind::kHead;
        case model::GroupMembershipKind::kSpouse: return cel::MembershipKind::kSpouse;
        case model::GroupMembershipKind::kChild: return cel::MembershipKind::kChild;
        case model::GroupMembershipKind::kOther: break;
    }
    return cel::MembershipKind::kOther;
}

cel::IndividualRecord individual(const store::RuleFields& r, const AreaMap& areas) {
    cel::IndividualRecord out;
    out.id = r.id;
    if (r.birthdate) out.birthdate = *r.birthdate;
    out.sex = sex_of(r.sex);
    out.disability = r.disability;
    // Money keeps minor units; rules read major units (two decimals, as every demo currency).
    if (r.income_minor) out.income = static_cast<double>(*r.income_minor) / 100.0;
    set_area(areas, r.area_id, out.area_code, out.area_path);
    out.custom = attributes(r);
    return out;
}

// A group being loaded: its record and the indices of its members in the individuals.
struct Household {
    cel::HouseholdRecord record;
    std::vector<std::pair<std::size_t, cel::MembershipKind>> members;  // index in the individuals, kind
};

Household household(const store::RuleFields& g, const AreaMap& areas) {
    Household out;
    out.record.id = g.id;
    out.record.pmt_score = g.pmt_score.value_or(0);
    out.record.vulnerability_score = g.vulnerability_score.value_or(0);
    set_area(areas, g.area_id, out.record.area_code, out.record.area_path);
    out.record.custom = attributes(g);
    return out;
}

// Position of `id` in records sorted by id, or records.size().
template <typename T>
std::size_t find_by_id(const std::vector<T>& records, const Uuid& id) {
    auto it = std::lower_bound(records.begin(), records.end(), id,
                               [](const T& r, const Uuid& key) { return r.id.bytes() < key.bytes(); });
    return it != records.end() && it->id.bytes() == id.bytes()
               ? static_cast<std::size_t>(it - records.begin())
               : records.size();
}

// One scan of all group memberships (in group id order, like `groups`): sets each member's
// membership kind (and the household's area when the member has none) and records the member.
Status attach_members(store::Store& store, std::vector<cel::IndividualRecord>& people,
                      std::vector<Household>& groups) {
    std::size_t g = 0;
    return store.registry().for_each_group_membership([&](const model::GroupMembership& m) {
        while (g < groups.size() && groups[g].record.id.bytes() < m.group_id.bytes()) ++g;
        if (g == groups.size() || groups[g].record.id.bytes() != m.group_id.bytes()) return Status{};
        std::size_t i = find_by_id(people, m.individual_id);
        if (i == people.size()) return Status{};
        auto& person = people[i];
        const auto& h = groups[g].record;
        person.membership = kind_of(m.kind);
        if (person.area_code.empty()) {
            person.area_code = h.area_code;
            person.area_path = h.area_path;
        }
        groups[g].members.emplace_back(i, person.membership);
        return Status{};
    });
}

}  // namespace

cel::HouseholdRecord household_record(const store::EnrolledGroup& g, const AreaMap& areas) {
    cel::HouseholdRecord out = household(g.group, areas).record;
    out.members.reserve(g.members.size());
    for (const auto& [fields, kind] : g.members) {
        out.members.push_back(individual(fields, areas));
        auto& person = out.members.back();
        person.membership = kind_of(kind);
        if (person.area_code.empty()) {
            person.area_code = out.area_code;
            person.area_path = out.area_path;
        }
    }
    return out;
}

Result<UuidMap<std::vector<std::string>>> load_area_paths(store::Store& store) {
    SPMIS_ASSIGN_OR_RETURN(AreaMap areas, load_areas(store));
    UuidMap<std::vector<std::string>> out;
    for (auto& [id, info] : areas) out.emplace(id, std::move(info.path));
    return out;
}

Result<RegistrySnapshot> load_registry(store::Store& store, const LoadOptions& options) {
    SPMIS_ASSIGN_OR_RETURN(AreaMap areas, load_areas(store));
    RegistrySnapshot snap;
    SPMIS_RETURN_IF_ERROR(store.registry().for_each_rule_fields(
        model::RegistrantKind::kIndividual, [&](const store::RuleFields& r) {
            snap.individuals.push_back(individual(r, areas));
            return Status{};
        }));
    std::vector<Household> groups;
    SPMIS_RETURN_IF_ERROR(
        store.registry().for_each_rule_fields(model::RegistrantKind::kGroup, [&](const store::RuleFields& r) {
            groups.push_back(household(r, areas));
            return Status{};
        }));
    SPMIS_RETURN_IF_ERROR(attach_members(store, snap.individuals, groups));
    if (!options.households) return snap;
    snap.households.reserve(groups.size());
    // Without the individuals list, a member's record is moved into its last household, not copied.
    std::vector<std::uint32_t> uses(options.individuals ? 0 : snap.individuals.size());
    for (const auto& g : groups) {
        for (const auto& member : g.members) {
            if (!options.individuals) ++uses[member.first];
        }
    }
    for (auto& g : groups) {
        for (const auto& [i, kind] : g.members) {
            if (!options.individuals && --uses[i] == 0) {
                g.record.members.push_back(std::move(snap.individuals[i]));
            } else {
                g.record.members.push_back(snap.individuals[i]);
            }
            g.record.members.back().membership = kind;  // someone in two groups has a kind in each
        }
        snap.households.push_back(std::move(g.record));
    }
    if (!options.individuals) snap.individuals.clear();
    return snap;
}

}  // namespace spmis::programs

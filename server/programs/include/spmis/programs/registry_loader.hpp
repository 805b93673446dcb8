#pragma once
// Loads the registry from the store into the CEL engine's in-memory records: households with
// their members (membership kinds, areas with ancestry codes, custom attributes) and individuals.

#include <map>
#include <string>
#include <vector>

#include "spmis/cel/registrant.hpp"
#include "spmis/programs/uuid_order.hpp"
#include "spmis/store/store.hpp"

namespace spmis::programs {

// The registry as CEL records, in id order.
struct RegistrySnapshot {
    std::vector<cel::HouseholdRecord> households;
    std::vector<cel::IndividualRecord> individuals;
};

// An area's code and ancestry path: its code, its parent's, ..., the root's.
struct AreaInfo {
    std::string code;
    std::vector<std::string> path;
};
using AreaMap = UuidMap<AreaInfo>;

// Every area's code and path, by area id.
Result<AreaMap> load_areas(store::Store& store);

// The CEL record of an enrolled group read by the store's streamed scan: like load_registry's (a
// member without an area takes the household's; each member has its kind in this group).
cel::HouseholdRecord household_record(const store::EnrolledGroup& group, const AreaMap& areas);

// Ancestry path of every area: its code, then its parent's code, ..., up to the root's.
Result<UuidMap<std::vector<std::string>>> load_area_paths(store::Store& store);

// What to load: individuals are always read (households need them); households only on request.
struct LoadOptions {
    bool households = true;
    bool individuals = true;  // false (with households): only households, their members moved in
};

// Reads every area, individual and group. Income is read as major units with two decimals; a
// member without an area takes the household's. Custom attributes become CEL values by type
// (integer -> int, number -> double, boolean -> bool, text and date -> string).
Result<RegistrySnapshot> load_registry(store::Store& store, const LoadOptions& options = {});

}  // namespace spmis::programs

#pragma once
// Helpers shared by enrollment and entitlement generation (private to spmis_programs).

#include <map>
#include <set>
#include <string>

#include "spmis/model/program.hpp"
#include "spmis/programs/registry_loader.hpp"
#include "spmis/store/store.hpp"

namespace spmis::programs::detail {

// The program, or kFailedPrecondition when it has ended.
Result<model::Program> active_program(store::Store& store, const Uuid& program_id);

// Appends a "create" audit event for a new record.
Status audit_create(store::Store& store, const std::string& record_kind, const Uuid& id,
                    const std::string& actor, const std::string& reason);

// Index of each registrant of the program's target kind in the snapshot.
UuidMap<std::size_t> target_index(const model::Program& program, const RegistrySnapshot& snap);

// The current time for created_at fields.
UtcTime now();

}  // namespace spmis::programs::detail

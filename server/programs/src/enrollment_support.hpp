#pragma once
// Helpers shared by enrollment and entitlement generation (private to spmis_programs).

#include <functional>
#include <initializer_list>
#include <map>
#include <set>
#include <string>

#include "spmis/model/entitlement.hpp"
#include "spmis/model/program.hpp"
#include "spmis/programs/enrollment.hpp"
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
UtcTime now(store::Store& store);

// Progress of one operation across its phases.
struct Progress {
    std::size_t done = 0;
    std::size_t total = 0;
};

// Runs write(i) for every i in [0, n): inside the caller's transaction when options.batch_size is 0,
// else in committed batches of batch_size (through options.run_batch when set). Reports progress
// after each batch (and every tuning::kEnrollmentProgressStep writes when unbatched).
Status write_in_batches(store::Store& store, const EnrollmentOptions& options, Progress& progress,
                        std::size_t n, const std::function<Status(std::size_t)>& write);

// Moves every entitlement of the cycle in state `from` through `path` (each step audited); returns
// how many moved.
Result<std::size_t> move_entitlements(store::Store& store, const Uuid& cycle_id, model::EntitlementState from,
                                      std::initializer_list<model::EntitlementState> path,
                                      const std::string& actor, const std::string& reason);

// Cancels a cycle and its entitlements never handed over (draft, pending_approval, approved), each
// audited with `reason`: what cancelling a cycle and ending its program both do.
Status cancel_cycle_and_entitlements(store::Store& store, const Uuid& cycle_id, const std::string& actor,
                                     const std::string& reason);

// Runs body in one store transaction when unbatched; as is (it commits its own batches) otherwise.
Status in_operation_transaction(store::Store& store, const EnrollmentOptions& options,
                                const std::function<Status()>& body);

}  // namespace spmis::programs::detail

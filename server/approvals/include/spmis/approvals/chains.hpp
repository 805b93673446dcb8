#pragma once
// Approval chains: validation, configuration (audited), and who qualifies for a level.

#include <string>
#include <vector>

#include "spmis/model/approval.hpp"
#include "spmis/store/store.hpp"

namespace spmis::approvals {

// kInvalidArgument naming the level when: no level, a level with neither role nor users, a
// required count below 1, or more required than named users of a users-only level.
Status validate_levels(const std::vector<model::ApprovalLevel>& levels);

// Validates and stores the chain of (program, action), replacing any previous one, with a
// "configure" audit event on the program. kNotFound for an unknown program.
Status put_chain(store::Store& store, model::ApprovalChain chain, const std::string& actor, UtcTime now);

// The single level used when a program has no chain for an action: one approval by any user whose
// role has the permission the action needs (finance_manage, or enrollment_run for enrollment).
std::vector<model::ApprovalLevel> default_levels(model::ApprovalAction action);

// The configured levels of (program, action), or default_levels(action) when none.
Result<std::vector<model::ApprovalLevel>> effective_levels(store::Store& store, const Uuid& program_id,
                                                           model::ApprovalAction action);

// True when `username` (holding `roles`) qualifies for the level by role, name or permission.
bool qualifies(const model::ApprovalLevel& level, const std::string& username,
               const std::vector<model::Role>& roles);

// The roles of a staff user; none for an unknown name (e.g. "cli").
Result<std::vector<model::Role>> roles_of(store::Store& store, const std::string& username);

}  // namespace spmis::approvals

#pragma once
// Cycles, entitlements, approval chains, requests, decisions and delegations to and from the
// API's JSON (private to spmis::api).

#include <nlohmann/json.hpp>
#include <vector>

#include "spmis/base/status.hpp"
#include "spmis/model/approval.hpp"
#include "spmis/model/cycle.hpp"
#include "spmis/model/entitlement.hpp"

namespace spmis::api {

// Every field of a cycle; budget in minor units.
nlohmann::json cycle_to_json(const model::Cycle& c);
// Every field of an entitlement; kind-specific fields only for their kind.
nlohmann::json entitlement_to_json(const model::Entitlement& e);

// [{"role"?, "users", "permission"?, "required"}].
nlohmann::json levels_to_json(const std::vector<model::ApprovalLevel>& levels);
// The "levels" of a chain body; kInvalidArgument naming the field otherwise.
Result<std::vector<model::ApprovalLevel>> levels_from_json(const nlohmann::json& body);

// A request; with `decisions` (its history) when given.
nlohmann::json request_to_json(const model::ApprovalRequest& r,
                               const std::vector<model::ApprovalDecision>* decisions = nullptr);
// A delegation, with its state on `today`: scheduled (starts later), active, expired (past its last
// day) or ended (ended early; ended_at and ended_by say when and by whom).
nlohmann::json delegation_to_json(const model::Delegation& d, Date today);

}  // namespace spmis::api

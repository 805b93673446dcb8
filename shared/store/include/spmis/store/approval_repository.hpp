#pragma once
// Approval chains, requests, decisions and delegations (the rules live in server/approvals).

#include <optional>
#include <string>
#include <vector>

#include "spmis/model/approval.hpp"

namespace spmis::store {

// Approval records. Decisions are append-only; a request changes only its state and level.
class ApprovalRepository {
public:
    virtual ~ApprovalRepository() = default;

    // Inserts or replaces the chain of (chain.program_id, chain.action).
    virtual Status put_chain(const model::ApprovalChain& chain) = 0;
    // The chain of a program and action, or nullopt when none is configured.
    virtual Result<std::optional<model::ApprovalChain>> find_chain(const Uuid& program_id,
                                                                   model::ApprovalAction action) = 0;

    // Inserts a request.
    virtual Status insert_request(const model::ApprovalRequest& r) = 0;
    // Writes a request's state, current level and decision time.
    virtual Status update_request(const model::ApprovalRequest& r) = 0;
    // The request with this id; kNotFound otherwise.
    virtual Result<model::ApprovalRequest> get_request(const Uuid& id) = 0;
    // Requests in a state (every request when nullopt), oldest first.
    virtual Result<std::vector<model::ApprovalRequest>> list_requests(
        std::optional<model::ApprovalState> state) = 0;
    // Requests about one record, oldest first.
    virtual Result<std::vector<model::ApprovalRequest>> list_requests_for_record(const Uuid& record_id) = 0;

    // Appends a decision.
    virtual Status insert_decision(const model::ApprovalDecision& d) = 0;
    // Decisions of a request, oldest first.
    virtual Result<std::vector<model::ApprovalDecision>> list_decisions(const Uuid& request_id) = 0;

    // Inserts a delegation.
    virtual Status insert_delegation(const model::Delegation& d) = 0;
    // Delegations given or received by `username` (every delegation when ""), oldest first.
    virtual Result<std::vector<model::Delegation>> list_delegations(const std::string& username) = 0;
};

}  // namespace spmis::store

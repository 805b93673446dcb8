#pragma once
// Approval chains, requests, decisions and delegations (the rules live in server/approvals).

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "spmis/model/approval.hpp"
#include "spmis/model/program.hpp"

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

    // Records that an enrollment request covers these memberships (schema 10).
    virtual Status cover_memberships(const Uuid& request_id, const std::vector<Uuid>& membership_ids) = 0;
    // How many memberships a request covers, by their current state.
    virtual Result<std::map<model::MembershipState, std::size_t>> covered_counts(const Uuid& request_id) = 0;
    // Up to `limit` memberships a request covers, in id order, after `after` when set.
    virtual Result<std::vector<model::ProgramMembership>> covered_page(const Uuid& request_id,
                                                                       const std::optional<Uuid>& after,
                                                                       std::size_t limit) = 0;
    // Memberships of a program covered by its pending enrollment requests.
    virtual Result<std::vector<Uuid>> pending_covered(const Uuid& program_id) = 0;
    // Moves the memberships a request covers that are still draft to enrolled in one statement
    // (each audited like a transition); returns how many moved. The others are left as they are.
    virtual Result<std::size_t> enroll_covered(const Uuid& request_id, const std::string& actor,
                                               const std::string& reason) = 0;

    // Cancels every pending request of a program (each audited "cancel" with `reason`, decided now);
    // returns how many.
    virtual Result<std::size_t> cancel_pending_requests_of_program(const Uuid& program_id,
                                                                   const std::string& actor,
                                                                   const std::string& reason) = 0;

    // Inserts a delegation.
    virtual Status insert_delegation(const model::Delegation& d) = 0;
    // Delegations given or received by `username` (every delegation when ""), oldest first.
    virtual Result<std::vector<model::Delegation>> list_delegations(const std::string& username) = 0;
    // The delegation with this id; kNotFound otherwise.
    virtual Result<model::Delegation> get_delegation(const Uuid& id) = 0;
    // Records that a delegation was ended at `at` by `by` (the rules live in server/approvals);
    // kNotFound when the id is unknown.
    virtual Status end_delegation(const Uuid& id, const std::string& by, UtcTime at) = 0;
};

}  // namespace spmis::store

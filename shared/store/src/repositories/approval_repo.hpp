#pragma once
// SQLite implementation of ApprovalRepository. Internal to the backend.

#include "repositories/backend.hpp"
#include "spmis/store/approval_repository.hpp"

namespace spmis::store::SPMIS_STORE_NS {

class SqlApprovals final : public ApprovalRepository {
public:
    explicit SqlApprovals(Database& db) : db_(db) {}
    Status put_chain(const model::ApprovalChain& chain) override;
    Result<std::optional<model::ApprovalChain>> find_chain(const Uuid& program_id,
                                                           model::ApprovalAction action) override;
    Status insert_request(const model::ApprovalRequest& r) override;
    Status update_request(const model::ApprovalRequest& r) override;
    Result<model::ApprovalRequest> get_request(const Uuid& id) override;
    Result<std::vector<model::ApprovalRequest>> list_requests(
        std::optional<model::ApprovalState> state) override;
    Result<std::vector<model::ApprovalRequest>> list_requests_for_record(const Uuid& record_id) override;
    Status insert_decision(const model::ApprovalDecision& d) override;
    Result<std::vector<model::ApprovalDecision>> list_decisions(const Uuid& request_id) override;
    Status cover_memberships(const Uuid& request_id, const std::vector<Uuid>& membership_ids) override;
    Result<std::map<model::MembershipState, std::size_t>> covered_counts(const Uuid& request_id) override;
    Result<std::vector<model::ProgramMembership>> covered_page(const Uuid& request_id,
                                                               const std::optional<Uuid>& after,
                                                               std::size_t limit) override;
    Result<std::vector<Uuid>> pending_covered(const Uuid& program_id) override;
    Result<std::size_t> enroll_covered(const Uuid& request_id, const std::string& actor,
                                       const std::string& reason) override;
    Result<std::size_t> cancel_pending_requests_of_program(const Uuid& program_id, const std::string& actor,
                                                           const std::string& reason) override;
    Status insert_delegation(const model::Delegation& d) override;
    Result<std::vector<model::Delegation>> list_delegations(const std::string& username) override;
    Result<model::Delegation> get_delegation(const Uuid& id) override;
    Status end_delegation(const Uuid& id, const std::string& by, UtcTime at) override;

private:
    Database& db_;
};

}  // namespace spmis::store::SPMIS_STORE_NS

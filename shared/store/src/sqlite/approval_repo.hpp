#pragma once
// SQLite implementation of ApprovalRepository. Internal to the backend.

#include "spmis/store/approval_repository.hpp"
#include "sqlite/database.hpp"

namespace spmis::store::sqlite {

class SqliteApprovals final : public ApprovalRepository {
public:
    explicit SqliteApprovals(Database& db) : db_(db) {}
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
    Status insert_delegation(const model::Delegation& d) override;
    Result<std::vector<model::Delegation>> list_delegations(const std::string& username) override;

private:
    Database& db_;
};

}  // namespace spmis::store::sqlite

#pragma once
// SQLite implementations of the sync repositories: the operation log, enrollment codes, the
// reconciliation queue, the change feed and server settings. Internal to the backend. (The push
// path's facts and registry lookups are in SqlServicePoints and SqlRegistry.)

#include "repositories/backend.hpp"
#include "spmis/store/case_repository.hpp"
#include "spmis/store/change_feed_repository.hpp"
#include "spmis/store/enrollment_code_repository.hpp"
#include "spmis/store/operation_log_repository.hpp"
#include "spmis/store/server_meta_repository.hpp"

namespace spmis::store::SPMIS_STORE_NS {

class SqlOperationLog final : public OperationLogRepository {
public:
    explicit SqlOperationLog(Database& db) : db_(db) {}
    Result<std::optional<StoredOperation>> last_operation(const Uuid& device_id) override;
    Result<std::optional<StoredOperation>> get_operation(const Uuid& device_id, std::uint64_t seq) override;
    Result<std::int64_t> reserve_server_seqs(std::int64_t count) override;
    Result<std::int64_t> insert_operation(const StoredOperation& op) override;
    Result<std::vector<StoredOperation>> list_operations(const Uuid& device_id, std::uint64_t after,
                                                         std::size_t limit) override;
    Result<std::int64_t> count_operations() override;
    Result<std::vector<StoredOperation>> list_refused_operations(
        const RefusedOperationFilter& filter) override;
    Result<std::map<std::string, std::int64_t>> count_refused_operations(
        const RefusedOperationFilter& filter) override;

private:
    Result<std::int64_t> next_seq();

    Database& db_;
};

class SqlEnrollmentCodes final : public EnrollmentCodeRepository {
public:
    explicit SqlEnrollmentCodes(Database& db) : db_(db) {}
    Status insert_enrollment_code(const std::string& code_hash, const std::vector<Uuid>& service_points,
                                  UtcTime expires_at, const std::string& created_by) override;
    Result<std::vector<Uuid>> consume_enrollment_code(const std::string& code_hash, UtcTime now) override;

private:
    Database& db_;
};

class SqlCases final : public CaseRepository {
public:
    explicit SqlCases(Database& db) : db_(db) {}
    Result<Uuid> raise_case(const CaseSubject& subject, const CaseLink& link) override;
    Status link_redemptions(const Uuid& case_id, const Uuid& entitlement_id) override;
    Status link_beside_record(const CaseLink& link) override;
    Result<ReconciliationCase> get_case(const Uuid& id) override;
    Result<std::vector<ReconciliationCase>> list_cases(const CaseFilter& filter) override;
    Result<std::map<std::string, std::int64_t>> count_cases_by_type(const CaseFilter& filter) override;
    Status resolve_case(const Uuid& id, const std::string& decision_json, const std::string& actor,
                        const std::string& reason) override;

private:
    Database& db_;
};

class SqlChangeFeed final : public ChangeFeedRepository {
public:
    explicit SqlChangeFeed(Database& db) : db_(db) {}
    Result<std::vector<ChangedRecord>> changes_after(const std::vector<Uuid>& service_points,
                                                     std::int64_t cursor, std::size_t limit) override;
    Result<ScopeDigest> scope_digest(const std::vector<Uuid>& service_points) override;

private:
    Result<sync::PulledEntitlement> entitlement_projection(const Uuid& id);
    Result<sync::PulledEvent> event_projection(const Uuid& id);
    Result<sync::PulledDevice> device_projection(const Uuid& id);
    // Every device key, the source of the trust list (the sync server signs it).
    Result<std::vector<sync::TrustListEntry>> trust_list_source();

    Database& db_;
};

class SqlServerMeta final : public ServerMetaRepository {
public:
    explicit SqlServerMeta(Database& db) : db_(db) {}
    Result<std::optional<std::string>> get_meta(const std::string& key) override;
    Status set_meta(const std::string& key, const std::string& value) override;

private:
    Database& db_;
};

// Comma-joined canonical ids and their parse (for id lists kept in one column).
std::string join_ids(const std::vector<Uuid>& ids);
std::vector<Uuid> split_ids(const std::string& text);

}  // namespace spmis::store::SPMIS_STORE_NS

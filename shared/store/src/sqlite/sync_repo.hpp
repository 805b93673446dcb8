#pragma once
// SQLite implementation of SyncRepository. Internal to the backend.

#include "spmis/store/sync_repository.hpp"
#include "sqlite/database.hpp"

namespace spmis::store::sqlite {

class SqliteSync final : public SyncRepository {
public:
    explicit SqliteSync(Database& db) : db_(db) {}
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
    Status insert_enrollment_code(const std::string& code_hash, const std::vector<Uuid>& service_points,
                                  UtcTime expires_at, const std::string& created_by) override;
    Result<std::vector<Uuid>> consume_enrollment_code(const std::string& code_hash, UtcTime now) override;
    Result<Uuid> raise_case(const CaseSubject& subject, const CaseLink& link) override;
    Status link_redemptions(const Uuid& case_id, const Uuid& entitlement_id) override;
    Status link_beside_record(const CaseLink& link) override;
    Result<ReconciliationCase> get_case(const Uuid& id) override;
    Result<std::vector<ReconciliationCase>> list_cases(const CaseFilter& filter) override;
    Result<std::map<std::string, std::int64_t>> count_cases_by_type(const CaseFilter& filter) override;
    Status resolve_case(const Uuid& id, const std::string& decision_json, const std::string& actor,
                        const std::string& reason) override;
    Result<bool> registrant_exists(const Uuid& registrant_id) override;
    Result<std::optional<Uuid>> first_attendance(const Uuid& registrant_id, const Uuid& event_id) override;
    Status insert_attendance(const model::Attendance& a, const std::optional<Uuid>& duplicate_of) override;
    Result<std::int64_t> count_attendance(const Uuid& event_id) override;
    Result<std::int64_t> redeemed_milli(const Uuid& entitlement_id) override;
    Result<std::optional<RedemptionTarget>> redemption_target(const Uuid& entitlement_id) override;
    Result<bool> credential_redeemed(const std::string& credential_id) override;
    Status void_redemption(const Uuid& redemption_id, const std::string& voided_by) override;
    Result<std::vector<Uuid>> service_points_of_registrant(const Uuid& registrant_id) override;
    Result<std::optional<Uuid>> redemption_device(const Uuid& redemption_id) override;
    Result<std::vector<Uuid>> registrants_with_national_id(const std::string& national_id) override;
    Result<std::int64_t> field_version(const Uuid& registrant_id, const std::string& field) override;
    Status bump_field_version(const Uuid& registrant_id, const std::string& field) override;
    Result<std::vector<ChangedRecord>> changes_after(const std::vector<Uuid>& service_points,
                                                     std::int64_t cursor, std::size_t limit) override;
    Result<ScopeDigest> scope_digest(const std::vector<Uuid>& service_points) override;
    Result<std::optional<std::string>> get_meta(const std::string& key) override;
    Status set_meta(const std::string& key, const std::string& value) override;

private:
    Result<std::int64_t> next_seq();
    Result<sync::PulledEntitlement> entitlement_projection(const Uuid& id);
    Result<sync::PulledEvent> event_projection(const Uuid& id);
    Result<sync::PulledDevice> device_projection(const Uuid& id);
    // Every device key, the source of the trust list (the sync server signs it).
    Result<std::vector<sync::TrustListEntry>> trust_list_source();

    Database& db_;
};

// Comma-joined canonical ids and their parse (for id lists kept in one column).
std::string join_ids(const std::vector<Uuid>& ids);
std::vector<Uuid> split_ids(const std::string& text);

}  // namespace spmis::store::sqlite

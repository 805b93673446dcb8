#pragma once
// SQLite implementations of the repository interfaces. Internal to the backend.

#include "repositories/backend.hpp"
#include "spmis/store/store.hpp"

namespace spmis::store::SPMIS_STORE_NS {

class SqlRegistry final : public RegistryRepository {
public:
    explicit SqlRegistry(Database& db) : db_(db) {}
    Status insert_area(const model::Area& area) override;
    Result<model::Area> get_area(const Uuid& id) override;
    Result<std::optional<model::Area>> find_area_by_code(const std::string& code) override;
    Result<std::vector<model::Area>> list_areas() override;
    Status insert_registrant(const model::Registrant& r) override;
    Status insert_registrants(std::span<const model::Registrant> rs) override;
    Status update_registrant(const model::Registrant& r, const std::string& actor,
                             const std::string& reason) override;
    Result<model::Registrant> get_registrant(const Uuid& id) override;
    Result<std::optional<model::Registrant>> find_by_external_id(const std::string& external_id) override;
    Result<std::vector<model::Registrant>> find_by_name_prefix(const std::string& prefix,
                                                               std::size_t limit) override;
    Result<std::vector<model::Registrant>> search_registrants(const RegistrantQuery& q) override;
    Result<std::int64_t> count_registrants(model::RegistrantKind kind) override;
    Status for_each_registrant(model::RegistrantKind kind,
                               const std::function<Status(const model::Registrant&)>& visit) override;
    Status for_each_rule_fields(model::RegistrantKind kind,
                                const std::function<Status(const RuleFields&)>& visit) override;
    Status for_each_enrolled_group(const Uuid& program_id, std::size_t page_size,
                                   const std::function<Status(std::vector<EnrolledGroup>&)>& visit) override;
    Status put_group_membership(const model::GroupMembership& m) override;
    Status put_group_memberships(std::span<const model::GroupMembership> ms) override;
    Status remove_group_membership(const Uuid& group_id, const Uuid& individual_id) override;
    Result<std::vector<model::GroupMembership>> list_group_members(const Uuid& group_id) override;
    Result<std::vector<model::GroupMembership>> list_groups_of(const Uuid& individual_id) override;
    Status for_each_group_membership(
        const std::function<Status(const model::GroupMembership&)>& visit) override;
    Result<bool> registrant_exists(const Uuid& registrant_id) override;
    Result<std::vector<Uuid>> service_points_of_registrant(const Uuid& registrant_id) override;
    Result<std::vector<Uuid>> registrants_with_national_id(const std::string& national_id) override;
    Result<std::int64_t> field_version(const Uuid& registrant_id, const std::string& field) override;
    Status bump_field_version(const Uuid& registrant_id, const std::string& field) override;
    Result<std::vector<TextProblem>> list_text_problems(const std::optional<TextProblemKey>& after,
                                                        std::size_t limit) override;

private:
    Status write_registrant(const model::Registrant& r, bool insert);
    Status load_attributes(model::Registrant& r);
    Result<std::vector<model::Registrant>> with_attributes(Result<std::vector<model::Registrant>> rows);
    Status load_page_attributes(std::vector<model::Registrant>& page);

    Database& db_;
};

// The program_memberships columns every membership query selects first, in read_membership's order.
extern const char* const kMembershipColumns;
// One program_memberships row read from kMembershipColumns; the row then stands after them.
model::ProgramMembership read_membership(Row& r);

class SqlPrograms final : public ProgramRepository {
public:
    explicit SqlPrograms(Database& db) : db_(db) {}
    Status insert_program(const model::Program& p) override;
    Result<model::Program> get_program(const Uuid& id) override;
    Result<std::optional<model::Program>> find_program_by_code(const std::string& code) override;
    Result<std::vector<model::Program>> list_programs() override;
    Status transition_program(const Uuid& id, model::ProgramState to, const std::string& actor,
                              const std::string& reason) override;
    Status insert_membership(const model::ProgramMembership& m) override;
    Result<model::ProgramMembership> get_membership(const Uuid& id) override;
    Result<std::optional<model::ProgramMembership>> find_membership(const Uuid& program_id,
                                                                    const Uuid& registrant_id) override;
    Result<std::vector<model::ProgramMembership>> list_memberships(const Uuid& program_id) override;
    Result<std::vector<model::ProgramMembership>> list_memberships_of(const Uuid& registrant_id) override;
    Status transition_membership(const Uuid& id, model::MembershipState to, const std::string& actor,
                                 const std::string& reason) override;
    Result<std::vector<MembershipListing>> list_membership_page(const MembershipPageQuery& q) override;
    Result<std::vector<MembershipIdentity>> membership_identities(const Uuid& program_id) override;
    Status mark_duplicate(const Uuid& id, const Uuid& original, const std::string& actor,
                          const std::string& reason) override;
    Status exit_membership(const Uuid& id, Date date, const std::string& actor,
                           const std::string& reason) override;
    Status insert_cycle(const model::Cycle& c) override;
    Result<model::Cycle> get_cycle(const Uuid& id) override;
    Result<std::vector<model::Cycle>> list_cycles(const Uuid& program_id) override;
    Status transition_cycle(const Uuid& id, model::CycleState to, const std::string& actor,
                            const std::string& reason) override;

private:
    Result<std::vector<model::Program>> with_variables(Result<std::vector<model::Program>> rows);

    Database& db_;
};

class SqlDelivery final : public DeliveryRepository {
public:
    explicit SqlDelivery(Database& db) : db_(db) {}
    Status insert_entitlement(const model::Entitlement& e) override;
    Result<model::Entitlement> get_entitlement(const Uuid& id) override;
    Result<std::vector<model::Entitlement>> list_entitlements(const Uuid& cycle_id) override;
    Result<std::vector<model::Entitlement>> list_entitlements_of(const Uuid& registrant_id) override;
    Status transition_entitlement(const Uuid& id, model::EntitlementState to, const std::string& actor,
                                  const std::string& reason) override;
    Status insert_entitlements(std::span<const model::Entitlement> es) override;
    Result<std::size_t> transition_cycle_entitlements(const Uuid& cycle_id, model::EntitlementState from,
                                                      const std::vector<EntitlementStep>& steps,
                                                      const std::string& actor) override;
    Status insert_payment_batch(const model::PaymentBatch& b) override;
    Result<model::PaymentBatch> get_payment_batch(const Uuid& id) override;
    Status insert_payment(const model::Payment& p) override;
    Result<model::Payment> get_payment(const Uuid& id) override;
    Result<std::vector<model::Payment>> list_payments(const Uuid& batch_id) override;

private:
    Database& db_;
};

class SqlServicePoints final : public ServicePointRepository {
public:
    explicit SqlServicePoints(Database& db) : db_(db) {}
    Status insert_service_point(const model::ServicePoint& sp) override;
    Result<model::ServicePoint> get_service_point(const Uuid& id) override;
    Result<std::vector<model::ServicePoint>> list_service_points() override;
    Status insert_event(const model::DistributionEvent& e) override;
    Result<model::DistributionEvent> get_event(const Uuid& id) override;
    Result<std::vector<model::DistributionEvent>> list_events(const Uuid& service_point_id) override;
    Result<std::vector<model::Attendance>> list_attendance(const Uuid& event_id) override;
    Result<std::vector<model::Attendance>> list_attendance_of(const Uuid& registrant_id) override;
    Status insert_redemption(const model::Redemption& r) override;
    Result<std::vector<model::Redemption>> list_redemptions(const Uuid& entitlement_id) override;
    Result<std::vector<RedemptionListing>> list_redemption_listings(const Uuid& entitlement_id) override;
    Result<std::optional<Uuid>> first_attendance(const Uuid& registrant_id, const Uuid& event_id) override;
    Status insert_attendance(const model::Attendance& a, const std::optional<Uuid>& duplicate_of) override;
    Result<std::int64_t> count_attendance(const Uuid& event_id) override;
    Result<std::int64_t> redeemed_milli(const Uuid& entitlement_id) override;
    Result<std::optional<RedemptionTarget>> redemption_target(const Uuid& entitlement_id) override;
    Result<bool> credential_redeemed(const std::string& credential_id) override;
    Status void_redemption(const Uuid& redemption_id, const std::string& voided_by) override;
    Result<std::optional<Uuid>> redemption_device(const Uuid& redemption_id) override;

private:
    Result<std::vector<model::ServicePoint>> with_programs(Result<std::vector<model::ServicePoint>> rows);

    Database& db_;
};

class SqlAudit final : public AuditRepository {
public:
    explicit SqlAudit(Database& db) : db_(db) {}
    Status append(const model::AuditEvent& e) override { return db_.append_audit(e); }
    Result<std::vector<model::AuditEvent>> list_for_record(const Uuid& record_id) override;
    Result<std::vector<model::AuditEvent>> search(const AuditQuery& q) override;
    Result<std::int64_t> count() override;

private:
    Database& db_;
};

class SqlJobs final : public JobRepository {
public:
    explicit SqlJobs(Database& db) : db_(db) {}
    Status insert_job(const model::Job& job) override;
    Result<model::Job> get_job(const Uuid& id) override;
    Status update_job(const model::Job& job) override;
    Result<std::vector<model::Job>> list_jobs_in(model::JobState state) override;
    Result<std::map<std::string, std::int64_t>> count_jobs_by_state() override;
    Result<bool> claim_job(const Uuid& id, const std::string& runner, UtcTime now,
                           UtcTime lease_until) override;
    Result<bool> renew_job_lease(const Uuid& id, const std::string& runner, UtcTime lease_until) override;
    Result<std::vector<model::Job>> list_abandoned_jobs(UtcTime now) override;

private:
    Database& db_;
};

class SqlAccess final : public AccessRepository {
public:
    explicit SqlAccess(Database& db) : db_(db) {}
    Status insert_user(const model::User& u) override;
    Result<model::User> get_user(const Uuid& id) override;
    Result<std::optional<model::User>> find_user(const std::string& username) override;
    Result<std::vector<model::User>> list_users() override;
    Status put_session(const StoredSession& s) override;
    Result<std::optional<StoredSession>> find_session(const std::string& token_hash) override;
    Status revoke_session(const std::string& token_hash) override;
    Status purge_sessions(UtcTime now) override;
    Result<std::optional<LoginFailures>> find_login_failures(const std::string& key) override;
    Status put_login_failures(const std::string& key, const LoginFailures& f) override;
    Status delete_login_failures(const std::string& key) override;
    Status insert_device(const model::Device& d) override;
    Result<model::Device> get_device(const Uuid& id) override;
    Result<std::vector<model::Device>> list_devices() override;
    Status record_device_contact(const Uuid& id, UtcTime at) override;
    Result<std::map<Uuid, DeviceActivity>> device_activity() override;
    Status transition_device(const Uuid& id, model::DeviceState to, const std::string& actor,
                             const std::string& reason) override;

private:
    Result<model::User> with_roles(model::User u);
    Result<model::Device> with_service_points(model::Device d);

    Database& db_;
};

}  // namespace spmis::store::SPMIS_STORE_NS

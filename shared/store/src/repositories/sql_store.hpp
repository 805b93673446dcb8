#pragma once
// The part of a Store that is the same on every backend: one Database and the repositories over it.
// A backend derives from it and adds transactions, a second connection, its schema version and the
// content digest.

#include "repositories/approval_repo.hpp"
#include "repositories/grievance_repo.hpp"
#include "repositories/payment_repo.hpp"
#include "repositories/repositories.hpp"
#include "repositories/sync_repo.hpp"

namespace spmis::store::SPMIS_STORE_NS {

class SqlStore : public Store {
public:
    explicit SqlStore(std::unique_ptr<Database> db)
        : db_(std::move(db)),
          registry_(*db_),
          programs_(*db_),
          delivery_(*db_),
          service_points_(*db_),
          audit_(*db_),
          access_(*db_),
          operation_log_(*db_),
          enrollment_codes_(*db_),
          cases_(*db_),
          change_feed_(*db_),
          server_meta_(*db_),
          payments_(*db_),
          monitoring_(*db_),
          jobs_(*db_),
          approvals_(*db_),
          grievances_(*db_) {}

    RegistryRepository& registry() override { return registry_; }
    ProgramRepository& programs() override { return programs_; }
    DeliveryRepository& delivery() override { return delivery_; }
    ServicePointRepository& service_points() override { return service_points_; }
    AuditRepository& audit() override { return audit_; }
    AccessRepository& access() override { return access_; }
    OperationLogRepository& operation_log() override { return operation_log_; }
    EnrollmentCodeRepository& enrollment_codes() override { return enrollment_codes_; }
    CaseRepository& cases() override { return cases_; }
    ChangeFeedRepository& change_feed() override { return change_feed_; }
    ServerMetaRepository& server_meta() override { return server_meta_; }
    PaymentRepository& payments() override { return payments_; }
    MonitoringRepository& monitoring() override { return monitoring_; }
    JobRepository& jobs() override { return jobs_; }
    ApprovalRepository& approvals() override { return approvals_; }
    GrievanceRepository& grievances() override { return grievances_; }
    Clock& clock() override { return db_->clock(); }
    Status transaction(const std::function<Status()>& body) override { return db_->transaction(body); }

protected:
    Database& db() const { return *db_; }

private:
    std::unique_ptr<Database> db_;
    SqlRegistry registry_;
    SqlPrograms programs_;
    SqlDelivery delivery_;
    SqlServicePoints service_points_;
    SqlAudit audit_;
    SqlAccess access_;
    SqlOperationLog operation_log_;
    SqlEnrollmentCodes enrollment_codes_;
    SqlCases cases_;
    SqlChangeFeed change_feed_;
    SqlServerMeta server_meta_;
    SqlPayments payments_;
    SqlMonitoring monitoring_;
    SqlJobs jobs_;
    SqlApprovals approvals_;
    SqlGrievances grievances_;
};

// A digest of every record of the domain's tables (not the stored bytes): each table's rows in key
// order, each value as the backend returns it as text. Equal content gives an equal digest on one
// backend; the two backends spell some values differently (ids, booleans), so digests compare only
// within one.
Result<std::string> content_digest_of(Database& db);

}  // namespace spmis::store::SPMIS_STORE_NS

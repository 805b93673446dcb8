#pragma once
// SQLite implementations of PaymentRepository and MonitoringRepository. Internal to the backend.

#include "repositories/backend.hpp"
#include "spmis/store/monitoring_repository.hpp"
#include "spmis/store/payment_repository.hpp"

namespace spmis::store::SPMIS_STORE_NS {

// One payment_batches row, columns in the order every batch query selects them.
model::PaymentBatch read_payment_batch(Row& r);

class SqlPayments final : public PaymentRepository {
public:
    explicit SqlPayments(Database& db) : db_(db) {}
    Result<std::vector<PayableEntitlement>> payable_entitlements(const Uuid& cycle_id) override;
    Result<BatchPayments> add_batch_payments(const model::PaymentBatch& batch, const std::string& actor,
                                             const std::string& reason) override;
    Result<std::vector<model::PaymentBatch>> list_batches(const Uuid& cycle_id) override;
    Status for_each_file_line(const Uuid& batch_id, const Uuid& from, const std::optional<Uuid>& to,
                              const std::function<Status(const PaymentFileLine&)>& visit) override;
    Result<std::optional<Uuid>> file_line_midpoint(const Uuid& batch_id) override;
    Status mark_exported(const Uuid& batch_id, const std::string& file_sha256) override;
    Status set_batch_state(const Uuid& batch_id, model::PaymentBatchState state) override;
    Status settle_payment(const Uuid& payment_id, model::PaymentStatus status,
                          const std::string& provider_reference, const std::string& failure_reason) override;
    Result<bool> import_recorded(const Uuid& batch_id, const std::string& file_sha256) override;
    Status record_import(const PaymentImport& import) override;

private:
    Database& db_;
};

class SqlMonitoring final : public MonitoringRepository {
public:
    explicit SqlMonitoring(Database& db) : db_(db) {}
    Result<ProgramFigures> program_figures(const Uuid& program_id) override;

private:
    Status add_cycles(const Uuid& program_id, ProgramFigures& out);
    Status add_service_points(const Uuid& program_id, ProgramFigures& out);
    Status add_redemption_days(const Uuid& program_id, ProgramFigures& out);

    Database& db_;
};

}  // namespace spmis::store::SPMIS_STORE_NS

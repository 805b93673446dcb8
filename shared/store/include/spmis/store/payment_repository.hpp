#pragma once
// Cash payment queries beyond plain records: which entitlements are payable, the provider file's
// lines, export and settlement of payments, and the log of imported result files.

#include <functional>
#include <string>
#include <vector>

#include "spmis/base/phase_times.hpp"
#include "spmis/model/payment.hpp"

namespace spmis::store {

// An approved cash entitlement that no pending or paid payment holds.
struct PayableEntitlement {
    Uuid entitlement_id;
    Money amount;
};

// One payment of a batch with what the provider file says about its beneficiary.
struct PaymentFileLine {
    Uuid payment_id;
    Uuid entitlement_id;
    Uuid registrant_id;
    std::string beneficiary_name;
    std::string phone;         // the registrant's, else (households) the head's
    std::string bank_account;  // custom attribute "bank_account", "" when absent
    Money amount;
    model::PaymentStatus status = model::PaymentStatus::kPending;
    std::string provider_reference;
    std::string failure_reason;
};

// What add_batch_payments wrote.
struct BatchPayments {
    std::size_t count = 0;
    Money total;        // sum of the payments, in their (single) currency
    PhaseTimes phases;  // wall time per statement (benchmarks)
};

// A result file imported into a batch (one row per distinct file).
struct PaymentImport {
    Uuid batch_id;
    std::string file_sha256;
    std::string imported_by;
    UtcTime imported_at{};
    std::int64_t paid = 0;
    std::int64_t failed = 0;
};

// Payment records of the cash side. Writes need an open transaction of the Store for atomicity.
class PaymentRepository {
public:
    virtual ~PaymentRepository() = default;

    // Approved cash entitlements of a cycle with no pending or paid payment, in entitlement id order.
    virtual Result<std::vector<PayableEntitlement>> payable_entitlements(const Uuid& cycle_id) = 0;
    // Adds one pending payment to `batch` (already stored) for every payable entitlement of its
    // cycle and moves each entitlement approved -> transferred with its audit event, atomically.
    // kFailedPrecondition when the payable entitlements are in more than one currency.
    virtual Result<BatchPayments> add_batch_payments(const model::PaymentBatch& batch,
                                                     const std::string& actor, const std::string& reason) = 0;
    // Batches of a cycle, oldest first.
    virtual Result<std::vector<model::PaymentBatch>> list_batches(const Uuid& cycle_id) = 0;
    // Visits the batch's payments in entitlement id order, those with an entitlement id in
    // [from, to) (no `to`: to the end); stops at the first error `visit` returns.
    virtual Status for_each_file_line(const Uuid& batch_id, const Uuid& from, const std::optional<Uuid>& to,
                                      const std::function<Status(const PaymentFileLine&)>& visit) = 0;
    // The entitlement id that starts the second half of the batch's lines (in entitlement id
    // order), nullopt when the batch has none.
    virtual Result<std::optional<Uuid>> file_line_midpoint(const Uuid& batch_id) = 0;
    // Records an export: state exported, the file's hash, the first export time (kept on re-export).
    virtual Status mark_exported(const Uuid& batch_id, const std::string& file_sha256) = 0;
    // Sets a batch's state (draft, exported, reconciled).
    virtual Status set_batch_state(const Uuid& batch_id, model::PaymentBatchState state) = 0;
    // Settles a pending payment as paid or failed. kFailedPrecondition when it is not pending;
    // kAlreadyExists when another payment already paid its entitlement (the database refuses).
    virtual Status settle_payment(const Uuid& payment_id, model::PaymentStatus status,
                                  const std::string& provider_reference,
                                  const std::string& failure_reason) = 0;
    // True when a result file with this hash was already imported into the batch.
    virtual Result<bool> import_recorded(const Uuid& batch_id, const std::string& file_sha256) = 0;
    // Records an imported result file (a second record of the same file is ignored).
    virtual Status record_import(const PaymentImport& import) = 0;
};

}  // namespace spmis::store

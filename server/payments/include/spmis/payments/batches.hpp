#pragma once
// Payment batches: the approved cash entitlements of a cycle that are not yet in a pending or
// paid payment, gathered for one financial service provider.

#include <optional>
#include <string>

#include "spmis/base/phase_times.hpp"
#include "spmis/model/approval.hpp"
#include "spmis/model/payment.hpp"
#include "spmis/store/store.hpp"

namespace spmis::payments {

// Who the batch is for.
struct BatchRequest {
    model::ProviderKind kind = model::ProviderKind::kBank;
    std::string provider;  // the provider's name, e.g. "MobileMoneyCo"
    std::string actor = "system";
};

// The created batch and what it holds.
struct BatchReport {
    model::PaymentBatch batch;
    std::size_t payments = 0;
    Money total;
    std::optional<model::ApprovalRequest> release;  // opened when the program has a payment_release chain
    PhaseTimes phases;                              // wall time per phase (benchmarks; never printed)
};

// Creates a draft batch with one pending payment per payable entitlement (approved, cash, not in
// a pending or paid payment; failed ones are payable again) and moves those entitlements to
// transferred, all in one transaction, audited. kInvalidArgument for an empty provider name;
// kNotFound for an unknown cycle; kFailedPrecondition when the cycle is not approved or
// distributed, or nothing is payable. Opens the payment_release request (release.hpp) if a chain says so.
Result<BatchReport> create_batch(store::Store& store, const Uuid& cycle_id, const BatchRequest& request);

// Totals of a batch's payments by status.
struct BatchSummary {
    std::size_t pending = 0;
    std::size_t paid = 0;
    std::size_t failed = 0;
    Money total;
};

// Counts and total value of a batch's payments; kNotFound for an unknown batch.
Result<BatchSummary> summarize_batch(store::Store& store, const Uuid& batch_id);

}  // namespace spmis::payments

#pragma once
// Reconciliation: the provider's result file applied to a batch, all or nothing.

#include <string>
#include <string_view>
#include <vector>

#include "spmis/model/payment.hpp"
#include "spmis/store/store.hpp"

namespace spmis::payments {

// Why one place of the result file was refused.
struct RowProblem {
    std::size_t line = 0;  // 1-based physical line where the record starts
    std::string column;    // header name, or "" for the whole record
    std::string message;
};

// What an import did, or why it did nothing.
struct ImportReport {
    std::string file_sha256;
    std::size_t rows = 0;
    std::size_t paid = 0;           // pending -> paid
    std::size_t failed = 0;         // pending -> failed (entitlement payable again)
    std::size_t unchanged = 0;      // rows that repeat what the batch already records
    bool applied = false;           // false when any problem was found: nothing was written
    bool already_imported = false;  // this exact file was imported into the batch before
    std::vector<RowProblem> problems;
    model::PaymentBatchState batch_state = model::PaymentBatchState::kExported;
};

// Applies a result CSV (columns entitlement, status paid|failed, reference, reason; amount,
// currency and batch are checked when present; other columns are ignored). A row naming an
// entitlement outside the batch, a differing amount or currency, an unknown status, a duplicate
// row, a malformed record or a change to an already settled payment is a problem: the report
// lists them and nothing is applied. Paid -> entitlement paid; failed -> entitlement approved
// (payable again), the reason kept on the payment. Re-importing a file changes nothing.
// kNotFound for an unknown batch, kFailedPrecondition for a batch not yet exported.
Result<ImportReport> import_results(store::Store& store, const Uuid& batch_id, std::string_view csv,
                                    const std::string& actor);

// "line 3, column amount: ..." for each problem, one per line.
std::string format_problems(const std::vector<RowProblem>& problems);

}  // namespace spmis::payments

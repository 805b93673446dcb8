#pragma once
// Parsing of the provider's result CSV into rows, with every malformed place reported by line
// and column. Private to spmis_payments.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "spmis/model/payment.hpp"
#include "spmis/payments/reconciliation.hpp"

namespace spmis::payments::detail {

// One parsed result row; optional columns are empty when the file has no such column.
struct ResultRow {
    std::size_t line = 0;
    Uuid entitlement;
    model::PaymentStatus status = model::PaymentStatus::kPending;
    std::string reference;
    std::string reason;
    std::optional<std::int64_t> amount_minor;
    std::optional<std::string> currency;
    std::optional<std::string> batch;
};

// Rows of the file; every problem found (bad header, field count, id, status, amount, duplicate
// entitlement, malformed quoting) is appended to `problems`.
std::vector<ResultRow> parse_result_rows(std::string_view csv, std::vector<RowProblem>& problems);

}  // namespace spmis::payments::detail

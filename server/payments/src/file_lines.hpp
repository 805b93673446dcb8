#pragma once
// The provider file's lines of a batch, formatted as CSV. With a second connection the two halves
// of the batch are read and formatted at once, the second on a thread of its own: the lines'
// lookups (entitlement, beneficiary, head's phone, account) are most of an export. Private to
// spmis_payments.

#include <string>

#include "spmis/model/payment.hpp"
#include "spmis/store/store.hpp"

namespace spmis::payments::detail {

// The lines of a batch's file, in entitlement id order, without the header.
struct FormattedLines {
    std::string csv;
    std::size_t lines = 0;
};

// Formats the lines of `batch`, reading on `store` and, when it gives one, a reader connection.
Result<FormattedLines> format_file_lines(store::Store& store, const model::PaymentBatch& batch);

}  // namespace spmis::payments::detail

#pragma once
// The provider file's lines of a batch, formatted as CSV. With a second connection the two halves
// of the batch are read and formatted at once, the second on a thread of its own: the lines'
// lookups (entitlement, beneficiary, head's phone, account) are most of an export. Private to
// spmis_payments.

#include <string>

#include "spmis/model/payment.hpp"
#include "spmis/store/store.hpp"

namespace spmis::payments::detail {

// Appends the lines of `batch` to `csv` (in entitlement id order, no header) and returns how many,
// reading on `store` and, when it gives one, a reader connection. The first half is formatted
// straight into `csv`, so a file of a million lines is not copied whole once more.
Result<std::size_t> append_file_lines(store::Store& store, const model::PaymentBatch& batch,
                                      std::string& csv);

}  // namespace spmis::payments::detail

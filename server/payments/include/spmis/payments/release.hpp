#pragma once
// The payment_release approval of a batch: when the program has a payment_release chain, a new
// batch opens an approval request and its file is not exported until that request is approved.

#include <optional>
#include <string>

#include "spmis/approvals/engine.hpp"
#include "spmis/model/payment.hpp"
#include "spmis/store/store.hpp"

namespace spmis::payments {

// Opens the release request of a new batch when its program has a payment_release chain;
// nullopt (and nothing written) when it has none.
Result<std::optional<model::ApprovalRequest>> open_release_request(store::Store& store,
                                                                   const model::PaymentBatch& batch,
                                                                   const std::string& requester);

// OK when the batch may be exported: it has no release request, or its latest one is approved.
// kConflict naming the request's state otherwise.
Status check_released(store::Store& store, const Uuid& batch_id);

// The payment_release handlers: each outcome is audited on the batch; a rejected batch stays
// unexportable (its latest request is rejected).
approvals::Handlers release_handlers();

}  // namespace spmis::payments

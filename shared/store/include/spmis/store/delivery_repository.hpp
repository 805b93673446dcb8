#pragma once
// Delivery: entitlements, payment batches and payments.

#include <string>
#include <vector>

#include "spmis/model/entitlement.hpp"
#include "spmis/model/payment.hpp"

namespace spmis::store {

// Entitlement and payment records.
class DeliveryRepository {
public:
    virtual ~DeliveryRepository() = default;

    // Inserts an entitlement.
    virtual Status insert_entitlement(const model::Entitlement& e) = 0;
    // The entitlement with this id.
    virtual Result<model::Entitlement> get_entitlement(const Uuid& id) = 0;
    // Entitlements of a cycle in id order.
    virtual Result<std::vector<model::Entitlement>> list_entitlements(const Uuid& cycle_id) = 0;
    // Moves an entitlement to `to` (state machine checked, audited atomically).
    virtual Status transition_entitlement(const Uuid& id, model::EntitlementState to,
                                          const std::string& actor, const std::string& reason) = 0;

    // Inserts a payment batch.
    virtual Status insert_payment_batch(const model::PaymentBatch& b) = 0;
    // The payment batch with this id.
    virtual Result<model::PaymentBatch> get_payment_batch(const Uuid& id) = 0;
    // Inserts a payment.
    virtual Status insert_payment(const model::Payment& p) = 0;
    // The payment with this id.
    virtual Result<model::Payment> get_payment(const Uuid& id) = 0;
    // Payments of a batch in id order.
    virtual Result<std::vector<model::Payment>> list_payments(const Uuid& batch_id) = 0;
};

}  // namespace spmis::store

#pragma once
// Delivery: entitlements, payment batches and payments.

#include <span>
#include <string>
#include <vector>

#include "spmis/model/entitlement.hpp"
#include "spmis/model/payment.hpp"

namespace spmis::store {

// One step of a bulk state change: the state entered and the reason audited.
struct EntitlementStep {
    model::EntitlementState to = model::EntitlementState::kDraft;
    std::string reason;
};

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
    // Entitlements held by one registrant in every program and cycle, in id order (oldest first).
    virtual Result<std::vector<model::Entitlement>> list_entitlements_of(const Uuid& registrant_id) = 0;
    // Moves an entitlement to `to` (state machine checked, audited atomically).
    virtual Status transition_entitlement(const Uuid& id, model::EntitlementState to,
                                          const std::string& actor, const std::string& reason) = 0;
    // Inserts many entitlements at once (all or none), in the given order.
    virtual Status insert_entitlements(std::span<const model::Entitlement> es) = 0;
    // Moves every entitlement of the cycle in state `from` through `steps` (each step a state and
    // the reason of its audit event), atomically, writing one audit event per record and step as
    // transition_entitlement does; returns how many records moved. kIllegalTransition when the
    // state machine lacks an edge of the path.
    virtual Result<std::size_t> transition_cycle_entitlements(const Uuid& cycle_id,
                                                              model::EntitlementState from,
                                                              const std::vector<EntitlementStep>& steps,
                                                              const std::string& actor) = 0;

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

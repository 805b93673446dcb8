#pragma once
// Applying one verified operation on the server: each op_type's rule, in the caller's transaction.
// Internal to the sync server.

#include <vector>

#include "spmis/store/store.hpp"
#include "spmis/sync/conflict_rules.hpp"
#include "spmis/sync/messages.hpp"
#include "spmis/sync/operation.hpp"

namespace spmis::sync::server {

// What one push has read and may reuse while its transaction lasts: distribution events, which no
// operation changes.
struct PushMemo {
    std::vector<model::DistributionEvent> events;  // a push names few events: a short list
};

struct ApplyContext {
    store::Store& store;
    const std::vector<Uuid>& scopes;  // the device's service points
    const Operation& op;
    Date today;
    std::string actor;         // "officer@device"
    PushMemo* memo = nullptr;  // null: read everything from the store
};

// The result for one new operation: the rule's decision carried out, cases raised and linked.
Result<OpResult> apply_operation(ApplyContext& ctx);

// Raises (or finds) the case a rule asked for and links the operation to it.
Result<Uuid> raise(ApplyContext& ctx, const CaseRequest& c, const std::optional<Uuid>& program,
                   const std::optional<Uuid>& record);

// Turns a rule decision into an answer, raising its cases.
Result<OpResult> answer(ApplyContext& ctx, const Decision& d, const std::optional<Uuid>& program,
                        const std::optional<Uuid>& record);

Result<OpResult> apply_attendance(ApplyContext& ctx);
Result<OpResult> apply_redemption(ApplyContext& ctx);
Result<OpResult> apply_void(ApplyContext& ctx);
Result<OpResult> apply_membership_transition(ApplyContext& ctx);
Result<OpResult> apply_registrant_update(ApplyContext& ctx);
Result<OpResult> apply_registrant_create(ApplyContext& ctx);

// A payload member as a UUID; kInvalidArgument naming it otherwise.
Result<Uuid> payload_uuid(const Operation& op, const std::string& name);
// A rejection answer (malformed payload, outside scope, unknown record).
OpResult rejected(const Operation& op, std::string reason);

}  // namespace spmis::sync::server

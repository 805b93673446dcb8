#pragma once
// Builds realistic operations for sync tests.

#include "spmis/sync/hash_chain.hpp"
#include "spmis/sync/operation.hpp"

namespace spmis::sync::testing {

inline Operation redemption_op(const Uuid& device, std::int64_t quantity) {
    Operation op;
    op.device_id = device;
    op.op_type = "redemption.record";
    op.record_kind = "redemption";
    op.record_id = new_uuid_v7();
    op.routing.service_point = new_uuid_v7();
    op.payload = {{"entitlement_id", new_uuid_v7().to_string()}, {"quantity", quantity}, {"unit", "kg"}};
    op.base = {{"believed_remaining", 25}};
    op.officer_id = "officer-7";
    op.time_claim.wall = *parse_time("2026-11-21T09:00:00Z");
    op.time_claim.boot_id = "boot-1";
    op.time_claim.monotonic_ms = 123'456;
    return op;
}

// n chained redemption operations of one device, starting at seq 1.
inline std::vector<Operation> chain_of(const Uuid& device, int n) {
    ChainTip tip;
    std::vector<Operation> ops;
    for (int i = 0; i < n; ++i) {
        ops.push_back(redemption_op(device, i + 1));
        chain_append(tip, ops.back());
    }
    return ops;
}

}  // namespace spmis::sync::testing

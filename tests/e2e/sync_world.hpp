#pragma once
// A small world on a server data directory, written through the store before the server starts:
// one in-kind program (25 kg of rice), a cycle, service point SP1 with an open event, and a
// household whose head holds an approved entitlement redeemable at SP1.

#include <string>

#include "spmis/base/uuid.hpp"

namespace spmis::test {

struct SyncWorld {
    Uuid program, cycle, service_point, household, member, membership, entitlement, event;
};

// Seeds data_dir/spmis.db; throws std::runtime_error naming the step that failed.
SyncWorld seed_sync_world(const std::string& data_dir);

}  // namespace spmis::test

#pragma once
// The scoped change feed that pull pages are cut from (PROTOCOL.md section 8): every record a
// device may hold, in change-clock order, and a digest of the whole scope.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <variant>
#include "spmis/base/status.hpp"
#include "spmis/base/time.hpp"
#include "spmis/base/uuid.hpp"

#include "spmis/sync/pulled_records.hpp"

namespace spmis::store {

// What the change feed holds for one record: the typed pulled record the protocol defines, or, for
// the trust list, the device keys it is built from (the sync server signs them).
using ChangedData = std::variant<sync::PulledEntitlement, sync::PulledEvent, sync::PulledDevice,
                                 std::vector<sync::TrustListEntry>>;

// One record of the change feed: kind, id, the stamp of its latest change, its typed projection.
struct ChangedRecord {
    std::int64_t server_seq = 0;
    std::string kind;
    Uuid id;
    ChangedData data;
};

// Count and SHA-256 (hex) over the sorted lines "kind:id:server_seq\n" of every record in scope.
struct ScopeDigest {
    std::int64_t count = 0;
    std::string checksum;
};

class ChangeFeedRepository {
public:
    virtual ~ChangeFeedRepository() = default;

    // Records in the scope of these service points changed after `cursor`, in server_seq order.
    virtual Result<std::vector<ChangedRecord>> changes_after(const std::vector<Uuid>& service_points,
                                                             std::int64_t cursor, std::size_t limit) = 0;
    // Count and checksum of every record in scope now.
    virtual Result<ScopeDigest> scope_digest(const std::vector<Uuid>& service_points) = 0;
};

}  // namespace spmis::store

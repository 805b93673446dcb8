#pragma once
// The server's operation log: every operation a device pushed, with the answer it was given
// (PROTOCOL.md section 5), and the staff listings of refused and flagged ones.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "spmis/base/status.hpp"
#include "spmis/base/time.hpp"
#include "spmis/base/uuid.hpp"

namespace spmis::store {

// One operation as the server stored it, with the answer it gave.
struct StoredOperation {
    Uuid device_id;
    std::uint64_t device_seq = 0;
    std::string hash_hex;
    std::string op_type;
    Uuid record_id;
    std::string op_json;  // the wire form as received
    std::int64_t server_seq = 0;
    UtcTime received_at{};
    std::string disposition;
    std::string reason;
    std::vector<Uuid> case_ids;
    std::string flags;  // comma-separated, e.g. "clock_skew"

    bool operator==(const StoredOperation&) const = default;
};

// Which refused or flagged operations a staff listing asks for (answers `rejected` and
// `accepted_flagged`, PROTOCOL.md section 5; plain `accepted` ones are never listed).
struct RefusedOperationFilter {
    std::optional<Uuid> device_id;
    std::optional<std::string> disposition;  // rejected | accepted_flagged; nullopt for both
    std::optional<std::int64_t> before;      // a page's cursor: only operations with a smaller server_seq
    std::size_t limit = 0;                   // at most this many operations; 0 for all
};

class OperationLogRepository {
public:
    virtual ~OperationLogRepository() = default;

    // The newest operation stored for a device, nullopt before its first.
    virtual Result<std::optional<StoredOperation>> last_operation(const Uuid& device_id) = 0;
    // The operation (device, seq), nullopt when not stored.
    virtual Result<std::optional<StoredOperation>> get_operation(const Uuid& device_id,
                                                                 std::uint64_t seq) = 0;
    // Reserves `count` consecutive server_seq values for operations stored next; returns the first.
    virtual Result<std::int64_t> reserve_server_seqs(std::int64_t count) = 0;
    // Stores an operation and its answer, stamped with op.server_seq when reserved (> 0), else with the
    // next server_seq; returns the stamp.
    virtual Result<std::int64_t> insert_operation(const StoredOperation& op) = 0;
    // Operations of a device with seq > after, in order, at most limit.
    virtual Result<std::vector<StoredOperation>> list_operations(const Uuid& device_id, std::uint64_t after,
                                                                 std::size_t limit) = 0;
    // Number of stored operations (all devices).
    virtual Result<std::int64_t> count_operations() = 0;
    // Operations answered `rejected` or `accepted_flagged` matching the filter, newest (highest
    // server_seq) first, at most filter.limit (when set) older than filter.before.
    virtual Result<std::vector<StoredOperation>> list_refused_operations(
        const RefusedOperationFilter& filter) = 0;
    // Number of such operations per disposition for the filter's device (its disposition, cursor and
    // limit are ignored); a disposition with none is absent.
    virtual Result<std::map<std::string, std::int64_t>> count_refused_operations(
        const RefusedOperationFilter& filter) = 0;
};

}  // namespace spmis::store

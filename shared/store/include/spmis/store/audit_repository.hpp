#pragma once
// The append-only audit log.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "spmis/model/audit.hpp"

namespace spmis::store {

// Filters of an audit search; absent/empty fields do not filter. Results are oldest first,
// after the event `after_id` (the cursor: the last id of the previous page).
struct AuditQuery {
    std::optional<Uuid> record_id;
    std::string actor;
    std::optional<UtcTime> since;  // inclusive
    std::optional<UtcTime> until;  // exclusive
    std::optional<Uuid> after_id;
    std::size_t limit = 100;
};

// Audit events; there is no update or delete.
class AuditRepository {
public:
    virtual ~AuditRepository() = default;

    // Appends an event.
    virtual Status append(const model::AuditEvent& e) = 0;
    // Events about one record, oldest first.
    virtual Result<std::vector<model::AuditEvent>> list_for_record(const Uuid& record_id) = 0;
    // Events matching every filter of q, oldest first, at most q.limit.
    virtual Result<std::vector<model::AuditEvent>> search(const AuditQuery& q) = 0;
    // Number of events in the log.
    virtual Result<std::int64_t> count() = 0;
};

}  // namespace spmis::store

#pragma once
// The append-only audit log.

#include <cstdint>
#include <vector>

#include "spmis/model/audit.hpp"

namespace spmis::store {

// Audit events; there is no update or delete.
class AuditRepository {
public:
    virtual ~AuditRepository() = default;

    // Appends an event.
    virtual Status append(const model::AuditEvent& e) = 0;
    // Events about one record, oldest first.
    virtual Result<std::vector<model::AuditEvent>> list_for_record(const Uuid& record_id) = 0;
    // Number of events in the log.
    virtual Result<std::int64_t> count() = 0;
};

}  // namespace spmis::store

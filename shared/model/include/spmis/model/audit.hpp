#pragma once
// Audit events: append-only record of who changed what, when, with before/after snapshots.

#include <string>

#include "spmis/base/time.hpp"
#include "spmis/base/uuid.hpp"

namespace spmis::model {

// One audited change. `before`/`after` are JSON texts ("" when there is no such side).
struct AuditEvent {
    Uuid id;
    std::string actor;        // user name, device id or "system"
    std::string record_kind;  // "program_membership", "registrant", ...
    Uuid record_id;
    std::string action;  // "transition", "create", "update", ...
    std::string before;
    std::string after;
    std::string reason;
    UtcTime at{};

    bool operator==(const AuditEvent&) const = default;
};

}  // namespace spmis::model

#pragma once
// The audit event every approval change appends (private to spmis::approvals).

#include <string>

#include "spmis/store/store.hpp"

namespace spmis::approvals::detail {

// Appends {actor, record_kind, record_id, action, reason, at} to the audit log.
inline Status audit(store::Store& store, const std::string& actor, const char* record_kind,
                    const Uuid& record_id, const char* action, std::string reason, UtcTime now,
                    std::string after = {}) {
    model::AuditEvent event;
    event.id = new_uuid_v7();
    event.actor = actor;
    event.record_kind = record_kind;
    event.record_id = record_id;
    event.action = action;
    event.after = std::move(after);
    event.reason = std::move(reason);
    event.at = now;
    return store.audit().append(event);
}

}  // namespace spmis::approvals::detail

#pragma once
// What every repository needs beside its backend's connection: the clock and the audit helpers.
// Each backend's Database is a StoreDatabase over its own connection class (spmis::sqlite or
// spmis::postgres), so the audit SQL is written once.

#include <string>
#include <utility>

#include "spmis/base/clock.hpp"
#include "spmis/model/audit.hpp"

namespace spmis::store {

template <typename Connection>
class StoreDatabase : public Connection {
public:
    explicit StoreDatabase(Clock& clock) : clock_(clock) {}

    // Appends an audit event (must run inside a transaction to be atomic with its change).
    Status append_audit(const model::AuditEvent& e) {
        return run(
            *this,
            "INSERT INTO audit_events (id, actor, record_kind, record_id, action, before, after, reason, at)"
            " VALUES (?,?,?,?,?,?,?,?,?)",
            e.id, e.actor, e.record_kind, e.record_id, e.action, e.before, e.after, e.reason, e.at);
    }
    // An audit event stamped now with a new id.
    model::AuditEvent audit_event(std::string actor, std::string kind, const Uuid& id, std::string action,
                                  std::string before, std::string after, std::string reason) const {
        return model::AuditEvent{
            new_uuid_v7(),     std::move(actor), std::move(kind),   id,   std::move(action),
            std::move(before), std::move(after), std::move(reason), now()};
    }
    UtcTime now() const { return clock_.now(); }
    Clock& clock() const { return clock_; }

private:
    Clock& clock_;
};

}  // namespace spmis::store

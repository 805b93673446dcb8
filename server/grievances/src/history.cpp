// A ticket's history entries and audit events, and the checks every change shares (history.hpp).

#include "history.hpp"

#include <nlohmann/json.hpp>

#include "spmis/base/text.hpp"

namespace spmis::grievances {

Status record_change(store::Store& store, const store::Grievance& g, const std::string& kind,
                     const std::string& from, const std::string& to, const std::string& actor,
                     const std::string& text) {
    const UtcTime now = store.clock().now();
    SPMIS_RETURN_IF_ERROR(
        store.grievances().append_grievance_event({new_uuid_v7(), g.id, kind, from, to, actor, text, now}));
    const nlohmann::json before = {{"state", from}};
    const nlohmann::json after = {
        {"state", to}, {"assignee", g.assignee}, {"decision", g.decision}, {"escalated_to", g.escalated_to}};
    return store.audit().append(model::AuditEvent{new_uuid_v7(), actor, "grievance", g.id, kind,
                                                  from.empty() ? "" : before.dump(), after.dump(), text,
                                                  now});
}

Status check_free_text(const std::string& text, const char* field) {
    if (text.empty()) return make_error(ErrorCode::kInvalidArgument, std::string(field) + " is required");
    return check_text(text, field, TextKind::kMultiline);
}

Result<store::Grievance> find_ticket(store::Store& store, const Uuid& id) {
    return store.grievances().get_grievance(id);
}

}  // namespace spmis::grievances

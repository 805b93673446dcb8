// Moving, assigning and annotating a ticket: the state machine decides, the clocks follow.

#include "effects.hpp"
#include "history.hpp"
#include "spmis/base/text.hpp"
#include "spmis/grievances/grievance_service.hpp"
#include "spmis/grievances/states.hpp"

namespace spmis::grievances {
namespace {

Status invalid(const std::string& message) { return make_error(ErrorCode::kInvalidArgument, message); }

Status check_decision(const std::string& to, const std::string& decision) {
    if (to == "resolved" && !is_one_of(decisions(), decision))
        return invalid(
            "resolving needs a decision: upheld, partially_upheld, not_upheld, withdrawn or referred");
    if (to != "resolved" && !decision.empty()) return invalid("only resolving takes a decision");
    return {};
}

// The clocks at a move: a hold pauses the resolution clock, starting work answers the complainant,
// resolving or rejecting stops both clocks.
void move_clocks(store::Grievance& g, const std::string& to, UtcTime now) {
    if (g.hold_started_at) {
        g.held_micros = held_micros_at(g, now);
        g.hold_started_at.reset();
    }
    if (to == "on_hold") g.hold_started_at = now;
    if (to == "in_progress" && !g.responded_at) g.responded_at = now;
    if (to == "resolved" || to == "rejected") g.resolved_at = now;
    g.updated_at = now;
}

}  // namespace

Result<store::Grievance> transition_grievance(store::Store& store, const Uuid& id, const std::string& to,
                                              const std::string& decision, const std::string& actor,
                                              const std::string& reason) {
    if (to == "assigned") return invalid("a ticket is assigned through its assignment, naming the assignee");
    if (!is_one_of(states(), to)) return invalid("state '" + to + "' is unknown");
    SPMIS_RETURN_IF_ERROR(check_free_text(reason, "reason"));
    SPMIS_RETURN_IF_ERROR(check_decision(to, decision));
    SPMIS_ASSIGN_OR_RETURN(store::Grievance g, find_ticket(store, id));
    if (!is_legal(g.state, to))
        return make_error(ErrorCode::kIllegalTransition,
                          ticket_number(g.number) + " cannot move from " + g.state + " to " + to);
    const std::string from = g.state;
    move_clocks(g, to, store.clock().now());
    g.state = to;
    if (to == "resolved") g.decision = decision;  // kept through closing
    SPMIS_RETURN_IF_ERROR(store.grievances().update_grievance(g));
    SPMIS_RETURN_IF_ERROR(record_change(store, g, "transition", from, to, actor, reason));
    if (to == "resolved") SPMIS_RETURN_IF_ERROR(act_on_resolution(store, g, actor));
    return g;
}

Result<store::Grievance> assign_grievance(store::Store& store, const Uuid& id, const std::string& assignee,
                                          const std::string& actor, const std::string& reason) {
    SPMIS_RETURN_IF_ERROR(check_identifier(assignee, "assignee"));
    if (!reason.empty()) SPMIS_RETURN_IF_ERROR(check_free_text(reason, "reason"));
    SPMIS_ASSIGN_OR_RETURN(store::Grievance g, find_ticket(store, id));
    if (!is_open_state(g.state))
        return make_error(ErrorCode::kIllegalTransition,
                          ticket_number(g.number) + " is " + g.state + " and can no longer be assigned");
    SPMIS_ASSIGN_OR_RETURN(auto user, store.access().find_user(assignee));
    if (!user) return invalid("assignee '" + assignee + "' is not a staff user");
    const std::string from = g.state;
    if (g.state == "new") g.state = "assigned";
    g.assignee = assignee;
    g.updated_at = store.clock().now();
    SPMIS_RETURN_IF_ERROR(store.grievances().update_grievance(g));
    const std::string why = "assigned to " + assignee + (reason.empty() ? "" : ": " + reason);
    SPMIS_RETURN_IF_ERROR(
        record_change(store, g, from == g.state ? "assignment" : "transition", from, g.state, actor, why));
    return g;
}

Status add_grievance_note(store::Store& store, const Uuid& id, const std::string& actor,
                          const std::string& text) {
    SPMIS_RETURN_IF_ERROR(check_free_text(text, "text"));
    SPMIS_ASSIGN_OR_RETURN(store::Grievance g, find_ticket(store, id));
    g.updated_at = store.clock().now();
    SPMIS_RETURN_IF_ERROR(store.grievances().update_grievance(g));
    return record_change(store, g, "note", g.state, g.state, actor, text);
}

}  // namespace spmis::grievances

#pragma once
// Grievance tickets at the centre. Every function works on the store it is given, inside the
// transaction its caller opened (so a refused request changes nothing), reads "now" from the
// store's clock, appends each change to the ticket's history and to the audit log.
//
// Errors: kInvalidArgument for a bad value or an unknown linked record (named), kNotFound for an
// unknown ticket, kIllegalTransition for a move the state machine does not have, and
// kFailedPrecondition for a resolution without a decision's place (see each function).

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "spmis/grievances/sla.hpp"
#include "spmis/store/store.hpp"

namespace spmis::grievances {

// What a new ticket says.
struct OpenRequest {
    std::string category;
    std::string subcategory;
    std::string priority = "normal";
    std::string channel;
    std::optional<Uuid> complainant_id;  // nullopt: anonymous
    bool sensitive = false;
    std::string description;
    store::GrievanceLinks links;
};

// "GRV-000123".
std::string ticket_number(std::int64_t number);

// Opens a ticket: checks the request (vocabularies, category and subcategory, text, every linked
// record exists and is of the right kind), numbers it under the lock "grievances.number" and fixes
// its deadlines from the category's service levels.
Result<store::Grievance> open_grievance(store::Store& store, const OpenRequest& request,
                                        const std::string& actor);

// Moves a ticket to `to` (not "assigned": see assign_grievance) for `reason` (required). Resolving
// needs a decision (decisions()); kInvalidArgument without one, or with one on any other move.
Result<store::Grievance> transition_grievance(store::Store& store, const Uuid& id, const std::string& to,
                                              const std::string& decision, const std::string& actor,
                                              const std::string& reason);

// Assigns an open ticket to the staff user `assignee` (a new ticket moves to assigned).
// kInvalidArgument for an unknown user; kIllegalTransition once the ticket is resolved or closed.
Result<store::Grievance> assign_grievance(store::Store& store, const Uuid& id, const std::string& assignee,
                                          const std::string& actor, const std::string& reason);

// Adds a note to a ticket's history (any state).
Status add_grievance_note(store::Store& store, const Uuid& id, const std::string& actor,
                          const std::string& text);

// An appeal against a resolved or closed ticket: a new ticket of the same category, complainant and
// links, pointing back at the original (appeal_of). kIllegalTransition before resolution.
Result<store::Grievance> appeal_grievance(store::Store& store, const Uuid& id, const std::string& actor,
                                          const std::string& reason);

// Creates or replaces a category (code: lower_snake; name; response and resolution hours, 1 to
// tuning::kMaxServiceHours, response no later than resolution; subcategories: at least one
// lower_snake code; escalate_to checked by the caller, who knows the roles). Tickets already open
// keep the deadlines they were given. Audited.
Status configure_category(store::Store& store, const store::GrievanceCategory& category,
                          const std::string& actor);

// Puts the default categories (payment not received, wrong amount, in-kind not received or
// incomplete, exclusion, data error, staff misconduct, feedback, other; default_categories.cpp) when
// the store has none, under the lock "grievances.categories"; true when it did. Run by the server at
// start-up.
Result<bool> put_default_categories(store::Store& store);

// Escalates every open ticket whose service level is breached and that was never escalated: to the
// role its category names, once, recorded in its history and audited. Returns how many. Callers
// running on several nodes take the lock "grievances.escalation" first.
Result<int> escalate_breached_grievances(store::Store& store);

// Open tickets per category (every category present): how many, at risk and breached now.
struct CategoryCounts {
    std::int64_t open = 0;
    std::int64_t at_risk = 0;
    std::int64_t breached = 0;
};
Result<std::map<std::string, CategoryCounts>> count_open_grievances(store::Store& store);

// The tickets opened in [from, until) as CSV with their service-level figures, oldest first;
// sensitive tickets only when `include_sensitive`.
Result<std::string> grievances_csv(store::Store& store, UtcTime from, UtcTime until, bool include_sensitive);

}  // namespace spmis::grievances

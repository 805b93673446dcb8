#pragma once
// Grievances: the configurable categories with their service levels, the tickets and each ticket's
// history. The repository stores and reads; the grievance service (server/grievances) decides which
// state changes are legal and what the service levels say.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "spmis/base/status.hpp"
#include "spmis/base/time.hpp"
#include "spmis/base/uuid.hpp"

namespace spmis::store {

// A category of complaint and its service levels (seeded by schema 25, changeable by staff).
struct GrievanceCategory {
    std::string code;  // "payment_not_received", ...
    std::string name;
    std::int64_t response_hours = 0;    // until first response (work started)
    std::int64_t resolution_hours = 0;  // until resolved
    std::string escalate_to;            // the role a breached ticket escalates to
    std::vector<std::string> subcategories;

    bool operator==(const GrievanceCategory&) const = default;
};

// What a ticket is about; each link is optional.
struct GrievanceLinks {
    std::optional<Uuid> registrant_id;
    std::optional<Uuid> household_id;
    std::optional<Uuid> program_id;
    std::optional<Uuid> entitlement_id;
    std::optional<Uuid> payment_id;
    std::optional<Uuid> redemption_id;
    std::optional<Uuid> service_point_id;
    std::optional<Uuid> case_id;

    bool operator==(const GrievanceLinks&) const = default;
};

// One ticket. States, priorities, channels and decisions are their stable lower_snake names.
struct Grievance {
    Uuid id;
    std::int64_t number = 0;  // the human number, GRV-000123
    std::string category;
    std::string subcategory;
    std::string priority;
    std::string channel;
    std::optional<Uuid> complainant_id;  // nullopt: anonymous
    bool sensitive = false;
    std::string description;
    std::string state;
    std::string assignee;  // a user name, "" when unassigned
    std::string decision;  // "" until resolved
    std::optional<Uuid> appeal_of;
    GrievanceLinks links;
    std::string opened_by;
    UtcTime opened_at{};
    UtcTime updated_at{};
    UtcTime response_due_at{};
    UtcTime resolution_due_at{};
    std::optional<UtcTime> responded_at;
    std::optional<UtcTime> resolved_at;
    std::optional<UtcTime> hold_started_at;  // set while on hold
    std::int64_t held_micros = 0;            // time spent on hold before the current hold
    std::optional<UtcTime> escalated_at;
    std::string escalated_to;

    bool operator==(const Grievance&) const = default;
};

// One entry of a ticket's history: a transition, an assignment, a note, an escalation, an appeal.
struct GrievanceEvent {
    Uuid id;
    Uuid grievance_id;
    std::string kind;
    std::string from_state;
    std::string to_state;
    std::string actor;
    std::string text;  // why (a transition's reason, a note's text)
    UtcTime at{};

    bool operator==(const GrievanceEvent&) const = default;
};

struct GrievanceFilter {
    std::optional<std::string> state;
    std::optional<std::string> category;
    std::optional<std::string> priority;
    std::optional<std::string> assignee;
    bool open_only = false;               // not resolved, closed or rejected
    bool include_sensitive = false;       // sensitive tickets only for readers allowed to see them
    std::optional<UtcTime> opened_from;   // opened at or after
    std::optional<UtcTime> opened_until;  // opened before
    std::optional<Uuid> before;           // a page's cursor: only tickets with a smaller (older) id
    std::size_t limit = 0;                // at most this many; 0 for all
};

class GrievanceRepository {
public:
    virtual ~GrievanceRepository() = default;

    // Every category with its subcategories, by code.
    virtual Result<std::vector<GrievanceCategory>> list_grievance_categories() = 0;
    // The category with this code, or nullopt.
    virtual Result<std::optional<GrievanceCategory>> find_grievance_category(const std::string& code) = 0;
    // Creates or replaces a category and its subcategories.
    virtual Status put_grievance_category(const GrievanceCategory& category) = 0;

    // The next human ticket number (one more than the highest); callers hold the numbering lock.
    virtual Result<std::int64_t> next_grievance_number() = 0;
    // Inserts a new ticket; kAlreadyExists when its id or number is taken.
    virtual Status insert_grievance(const Grievance& g) = 0;
    // Overwrites the mutable columns of a ticket: state, assignee, decision, clocks, escalation and
    // the reconciliation case its resolution raised (links.case_id).
    virtual Status update_grievance(const Grievance& g) = 0;
    // The ticket; kNotFound otherwise.
    virtual Result<Grievance> get_grievance(const Uuid& id) = 0;
    // Tickets matching the filter, newest first.
    virtual Result<std::vector<Grievance>> list_grievances(const GrievanceFilter& filter) = 0;
    // Appends one entry to a ticket's history.
    virtual Status append_grievance_event(const GrievanceEvent& e) = 0;
    // A ticket's history, oldest first.
    virtual Result<std::vector<GrievanceEvent>> list_grievance_events(const Uuid& grievance_id) = 0;
};

}  // namespace spmis::store

// Schema 25: grievances. Configurable categories with their service levels (the defaults are put by
// the server at start-up, not here), tickets with a human number, what they are about and their SLA
// clocks, and each ticket's history.

#include "sqlite/migrations.hpp"

namespace spmis::store::sqlite {

const Migration& migration_0025_grievances() {
    static const Migration kMigration{25, "grievances: categories with service levels, tickets, history",
                                      R"sql(
CREATE TABLE IF NOT EXISTS grievance_categories (
    code TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL, response_hours INTEGER NOT NULL,
    resolution_hours INTEGER NOT NULL, escalate_to TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS grievance_subcategories (
    category TEXT NOT NULL REFERENCES grievance_categories(code), code TEXT NOT NULL,
    PRIMARY KEY (category, code)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS grievances (
    id BLOB PRIMARY KEY NOT NULL, number INTEGER NOT NULL, category TEXT NOT NULL
    REFERENCES grievance_categories(code), subcategory TEXT NOT NULL, priority TEXT NOT NULL,
    channel TEXT NOT NULL, complainant_id BLOB, sensitive INTEGER NOT NULL, description TEXT NOT NULL,
    state TEXT NOT NULL, assignee TEXT NOT NULL, decision TEXT NOT NULL, appeal_of BLOB REFERENCES grievances(id),
    registrant_id BLOB, household_id BLOB, program_id BLOB, entitlement_id BLOB, payment_id BLOB,
    redemption_id BLOB, service_point_id BLOB, case_id BLOB, opened_by TEXT NOT NULL,
    opened_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, response_due_at INTEGER NOT NULL,
    resolution_due_at INTEGER NOT NULL, responded_at INTEGER, resolved_at INTEGER, hold_started_at INTEGER,
    held_micros INTEGER NOT NULL, escalated_at INTEGER, escalated_to TEXT NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS grievances_number ON grievances(number);
CREATE INDEX IF NOT EXISTS grievances_state ON grievances(state, category);
CREATE INDEX IF NOT EXISTS grievances_opened ON grievances(opened_at);
CREATE TABLE IF NOT EXISTS grievance_events (
    id BLOB PRIMARY KEY NOT NULL, grievance_id BLOB NOT NULL REFERENCES grievances(id), kind TEXT NOT NULL,
    from_state TEXT NOT NULL, to_state TEXT NOT NULL, actor TEXT NOT NULL, text TEXT NOT NULL,
    at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS grievance_events_grievance ON grievance_events(grievance_id, id);
)sql"};
    return kMigration;
}

}  // namespace spmis::store::sqlite

// The PostgreSQL schema: the SQLite store's tables, columns and indexes (docs/store.md), in
// PostgreSQL's types. Ids are `uuid`; money and times are `bigint` (minor units, Unix microseconds);
// calendar dates stay 'YYYY-MM-DD' text, as on SQLite, so the repositories' SQL compares them alike;
// the operation log keeps each operation's exact signed wire text (`text`, never `jsonb`, which
// rewrites it and would break the hash chain).
//
// The change clock follows commit order (docs/store.md, "The change clock on PostgreSQL"): a
// deferred trigger stamps each pullable record from the one clock row as its transaction commits.
// The repositories on PostgreSQL therefore never write server_seq themselves.

#include "postgres/schema.hpp"

namespace spmis::store::pg {
namespace {

constexpr const char* kTables = R"sql(
CREATE TABLE areas (
    id uuid PRIMARY KEY, code text NOT NULL UNIQUE, name text NOT NULL, level bigint NOT NULL,
    parent_id uuid REFERENCES areas(id));
CREATE TABLE registrants (
    id uuid PRIMARY KEY, kind text NOT NULL, external_id text NOT NULL, name text NOT NULL,
    given_name text NOT NULL, family_name text NOT NULL, birthdate text, sex text NOT NULL,
    area_id uuid REFERENCES areas(id), phone text NOT NULL, national_id text NOT NULL,
    disability bigint NOT NULL, income_minor bigint, income_currency text, pmt_score double precision,
    vulnerability_score double precision, created_at bigint NOT NULL, updated_at bigint NOT NULL,
    search_name text NOT NULL DEFAULT '');
CREATE UNIQUE INDEX registrants_external_id ON registrants(external_id) WHERE external_id <> '';
CREATE INDEX registrants_search_name ON registrants(search_name text_pattern_ops);
CREATE INDEX registrants_area ON registrants(area_id);
CREATE TABLE registrant_attributes (
    registrant_id uuid NOT NULL REFERENCES registrants(id), name text NOT NULL, type text NOT NULL,
    value text NOT NULL, PRIMARY KEY (registrant_id, name));
CREATE TABLE group_memberships (
    group_id uuid NOT NULL REFERENCES registrants(id), individual_id uuid NOT NULL REFERENCES registrants(id),
    kind text NOT NULL, PRIMARY KEY (group_id, individual_id));
CREATE INDEX group_memberships_individual ON group_memberships(individual_id);
CREATE TABLE registrant_name_keys (
    word_key text NOT NULL, registrant_id uuid NOT NULL REFERENCES registrants(id),
    PRIMARY KEY (word_key, registrant_id));
CREATE INDEX registrant_name_keys_registrant ON registrant_name_keys(registrant_id);
CREATE TABLE registrant_field_versions (
    registrant_id uuid NOT NULL, field text NOT NULL, version bigint NOT NULL, PRIMARY KEY (registrant_id, field));
CREATE TABLE text_problems (
    table_name text NOT NULL, row_id uuid NOT NULL, column_name text NOT NULL, problem text NOT NULL,
    PRIMARY KEY (table_name, row_id, column_name));

CREATE TABLE programs (
    id uuid PRIMARY KEY, code text NOT NULL UNIQUE, name text NOT NULL, target text NOT NULL,
    state text NOT NULL, eligibility_cel text NOT NULL, compliance_cel text NOT NULL, kind text NOT NULL,
    rule_kind text NOT NULL, rule_fixed bigint NOT NULL, rule_cel text NOT NULL, currency text NOT NULL,
    item text NOT NULL, quantity double precision NOT NULL, unit text NOT NULL, created_at bigint NOT NULL);
CREATE TABLE program_variables (
    program_id uuid NOT NULL REFERENCES programs(id), name text NOT NULL, cel text NOT NULL,
    PRIMARY KEY (program_id, name));
CREATE TABLE program_memberships (
    id uuid PRIMARY KEY, program_id uuid NOT NULL REFERENCES programs(id),
    registrant_id uuid NOT NULL REFERENCES registrants(id), state text NOT NULL, enrollment_date text,
    exit_date text, created_at bigint NOT NULL, updated_at bigint NOT NULL,
    duplicate_of uuid REFERENCES program_memberships(id), UNIQUE (program_id, registrant_id));
CREATE INDEX program_memberships_registrant ON program_memberships(registrant_id);
CREATE INDEX program_memberships_program_id ON program_memberships(program_id, id);
CREATE INDEX program_memberships_program_state ON program_memberships(program_id, state, id);
CREATE TABLE cycles (
    id uuid PRIMARY KEY, program_id uuid NOT NULL REFERENCES programs(id), sequence bigint NOT NULL,
    name text NOT NULL, start_date text NOT NULL, end_date text NOT NULL, budget_minor bigint NOT NULL,
    budget_currency text NOT NULL, state text NOT NULL, created_at bigint NOT NULL,
    updated_at bigint NOT NULL, UNIQUE (program_id, sequence));

CREATE TABLE service_points (
    id uuid PRIMARY KEY, code text NOT NULL UNIQUE, name text NOT NULL,
    area_id uuid REFERENCES areas(id), capacity_per_day bigint NOT NULL);
CREATE TABLE service_point_programs (
    service_point_id uuid NOT NULL REFERENCES service_points(id), program_id uuid NOT NULL REFERENCES programs(id),
    PRIMARY KEY (service_point_id, program_id));
CREATE TABLE entitlements (
    id uuid PRIMARY KEY, cycle_id uuid NOT NULL REFERENCES cycles(id),
    program_id uuid NOT NULL REFERENCES programs(id), registrant_id uuid NOT NULL REFERENCES registrants(id),
    kind text NOT NULL, state text NOT NULL, amount_minor bigint NOT NULL, currency text NOT NULL,
    item text NOT NULL, quantity double precision NOT NULL, unit text NOT NULL,
    service_point_id uuid REFERENCES service_points(id), voucher_code text NOT NULL, valid_from text NOT NULL,
    valid_until text NOT NULL, created_at bigint NOT NULL, updated_at bigint NOT NULL,
    server_seq bigint NOT NULL DEFAULT 0);
CREATE INDEX entitlements_registrant ON entitlements(registrant_id);
CREATE INDEX entitlements_cycle ON entitlements(cycle_id, id);
CREATE INDEX entitlements_pull ON entitlements(service_point_id, server_seq) WHERE service_point_id IS NOT NULL;
CREATE TABLE distribution_events (
    id uuid PRIMARY KEY, service_point_id uuid NOT NULL REFERENCES service_points(id),
    program_id uuid NOT NULL REFERENCES programs(id), cycle_id uuid REFERENCES cycles(id),
    starts_at bigint NOT NULL, ends_at bigint NOT NULL, server_seq bigint NOT NULL DEFAULT 0);
CREATE INDEX distribution_events_service_point ON distribution_events(service_point_id, starts_at);

CREATE TABLE payment_batches (
    id uuid PRIMARY KEY, cycle_id uuid NOT NULL REFERENCES cycles(id), provider text NOT NULL,
    state text NOT NULL, created_at bigint NOT NULL, provider_kind text NOT NULL DEFAULT 'bank',
    file_sha256 text NOT NULL DEFAULT '', exported_at bigint);
CREATE INDEX payment_batches_cycle ON payment_batches(cycle_id, created_at);
CREATE TABLE payments (
    id uuid PRIMARY KEY, batch_id uuid NOT NULL REFERENCES payment_batches(id),
    entitlement_id uuid NOT NULL REFERENCES entitlements(id), amount_minor bigint NOT NULL,
    currency text NOT NULL, status text NOT NULL, provider_reference text NOT NULL,
    failure_reason text NOT NULL, updated_at bigint NOT NULL);
CREATE UNIQUE INDEX payments_live_entitlement ON payments(entitlement_id) WHERE status <> 'failed';
CREATE INDEX payments_batch ON payments(batch_id, entitlement_id);
CREATE TABLE payment_imports (
    batch_id uuid NOT NULL REFERENCES payment_batches(id), file_sha256 text NOT NULL,
    imported_by text NOT NULL, imported_at bigint NOT NULL, paid bigint NOT NULL, failed bigint NOT NULL,
    PRIMARY KEY (batch_id, file_sha256));

CREATE TABLE users (
    id uuid PRIMARY KEY, username text NOT NULL UNIQUE, display_name text NOT NULL,
    password_hash text NOT NULL, active bigint NOT NULL, created_at bigint NOT NULL);
CREATE TABLE user_roles (
    user_id uuid NOT NULL REFERENCES users(id), role text NOT NULL, PRIMARY KEY (user_id, role));
CREATE TABLE sessions (
    token_hash text PRIMARY KEY, user_id uuid NOT NULL REFERENCES users(id), expires_at bigint NOT NULL);
CREATE INDEX sessions_expires ON sessions(expires_at);
CREATE TABLE devices (
    id uuid PRIMARY KEY, name text NOT NULL, user_id uuid REFERENCES users(id),
    public_key text NOT NULL, state text NOT NULL, registered_at bigint NOT NULL, revoked_at bigint,
    server_seq bigint NOT NULL DEFAULT 0);
CREATE TABLE device_service_points (
    device_id uuid NOT NULL REFERENCES devices(id), service_point_id uuid NOT NULL REFERENCES service_points(id),
    PRIMARY KEY (device_id, service_point_id));
CREATE TABLE device_contacts (device_id uuid PRIMARY KEY REFERENCES devices(id), last_sync_at bigint NOT NULL);

CREATE TABLE attendance (
    id uuid PRIMARY KEY, event_id uuid NOT NULL REFERENCES distribution_events(id),
    registrant_id uuid NOT NULL REFERENCES registrants(id), device_id uuid REFERENCES devices(id),
    recorded_by text NOT NULL, at bigint NOT NULL, duplicate_of uuid);
CREATE INDEX attendance_event ON attendance(event_id);
CREATE INDEX attendance_first ON attendance(registrant_id, event_id, id) WHERE duplicate_of IS NULL;
CREATE TABLE redemptions (
    id uuid PRIMARY KEY, entitlement_id uuid NOT NULL REFERENCES entitlements(id),
    service_point_id uuid NOT NULL REFERENCES service_points(id), event_id uuid REFERENCES distribution_events(id),
    device_id uuid REFERENCES devices(id), quantity double precision NOT NULL, value_minor bigint NOT NULL,
    value_currency text NOT NULL, recipient text NOT NULL, proxy_name text NOT NULL,
    credential_id text NOT NULL, recorded_by text NOT NULL, at bigint NOT NULL, voided_by text);
CREATE INDEX redemptions_credential ON redemptions(credential_id) WHERE credential_id <> '';
CREATE INDEX redemptions_by_entitlement ON redemptions(entitlement_id, voided_by, quantity);

CREATE TABLE audit_events (
    seq bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, id uuid NOT NULL UNIQUE, actor text NOT NULL,
    record_kind text NOT NULL, record_id uuid NOT NULL, action text NOT NULL, before text NOT NULL,
    after text NOT NULL, reason text NOT NULL, at bigint NOT NULL);
CREATE INDEX audit_events_record ON audit_events(record_id, seq);
CREATE TABLE audit_event_records (
    record_id uuid NOT NULL, event_seq bigint NOT NULL, PRIMARY KEY (record_id, event_seq));

CREATE TABLE server_meta (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE sync_operations (
    device_id uuid NOT NULL, device_seq bigint NOT NULL, hash text NOT NULL, op_type text NOT NULL,
    record_id uuid NOT NULL, op_json text NOT NULL, server_seq bigint NOT NULL, received_at bigint NOT NULL,
    disposition text NOT NULL, reason text NOT NULL, case_ids text NOT NULL, flags text NOT NULL,
    PRIMARY KEY (device_id, device_seq));
CREATE INDEX sync_operations_record ON sync_operations(record_id);
CREATE INDEX sync_operations_refused ON sync_operations(server_seq)
    WHERE disposition IN ('rejected', 'accepted_flagged');
CREATE INDEX sync_operations_refused_device ON sync_operations(device_id, server_seq)
    WHERE disposition IN ('rejected', 'accepted_flagged');
CREATE TABLE enrollment_codes (
    code_hash text PRIMARY KEY, service_point_ids text NOT NULL, expires_at bigint NOT NULL,
    created_by text NOT NULL, used_at bigint);
CREATE TABLE reconciliation_cases (
    id uuid PRIMARY KEY, type text NOT NULL, key text NOT NULL UNIQUE, status text NOT NULL,
    summary text NOT NULL, program_id uuid, service_point_id uuid, record_id uuid,
    created_at bigint NOT NULL, updated_at bigint NOT NULL, decision text NOT NULL DEFAULT '',
    decided_by text NOT NULL DEFAULT '', reason text NOT NULL DEFAULT '', resolved_at bigint);
CREATE INDEX reconciliation_cases_status ON reconciliation_cases(status, type);
CREATE INDEX reconciliation_cases_record ON reconciliation_cases(record_id);
-- One link per (case, record, operation); a link without an operation is kept once (NULLS NOT DISTINCT).
CREATE TABLE case_links (
    case_id uuid NOT NULL REFERENCES reconciliation_cases(id), record_id uuid NOT NULL,
    device_id uuid, device_seq bigint);
CREATE UNIQUE INDEX case_links_key ON case_links(case_id, record_id, device_id, device_seq) NULLS NOT DISTINCT;
CREATE INDEX case_links_record ON case_links(record_id);

CREATE TABLE jobs (
    id uuid PRIMARY KEY, program_id uuid NOT NULL REFERENCES programs(id),
    operation text NOT NULL, options text NOT NULL, state text NOT NULL, done bigint NOT NULL,
    total bigint NOT NULL, result text NOT NULL, error text NOT NULL, actor text NOT NULL,
    created_at bigint NOT NULL, started_at bigint, finished_at bigint);
CREATE INDEX jobs_state ON jobs(state, id);

CREATE TABLE approval_chains (
    program_id uuid NOT NULL REFERENCES programs(id), action text NOT NULL, levels text NOT NULL,
    updated_by text NOT NULL, updated_at bigint NOT NULL, PRIMARY KEY (program_id, action));
CREATE TABLE approval_requests (
    id uuid PRIMARY KEY, program_id uuid NOT NULL REFERENCES programs(id), action text NOT NULL,
    record_kind text NOT NULL, record_id uuid NOT NULL, requester text NOT NULL, state text NOT NULL,
    current_level bigint NOT NULL, levels text NOT NULL, created_at bigint NOT NULL, decided_at bigint);
CREATE INDEX approval_requests_state ON approval_requests(state, id);
CREATE INDEX approval_requests_record ON approval_requests(record_id);
CREATE INDEX approval_requests_program ON approval_requests(program_id, state);
CREATE TABLE approval_decisions (
    id uuid PRIMARY KEY, request_id uuid NOT NULL REFERENCES approval_requests(id),
    level bigint NOT NULL, actor text NOT NULL, on_behalf_of text NOT NULL, verdict text NOT NULL,
    comment text NOT NULL, at bigint NOT NULL);
CREATE INDEX approval_decisions_request ON approval_decisions(request_id, id);
CREATE TABLE approval_request_memberships (
    request_id uuid NOT NULL REFERENCES approval_requests(id),
    membership_id uuid NOT NULL REFERENCES program_memberships(id), PRIMARY KEY (request_id, membership_id));
CREATE INDEX approval_request_memberships_membership ON approval_request_memberships(membership_id);
CREATE TABLE delegations (
    id uuid PRIMARY KEY, delegator text NOT NULL, delegate text NOT NULL, from_date text NOT NULL,
    until_date text NOT NULL, reason text NOT NULL, created_at bigint NOT NULL);
CREATE INDEX delegations_delegator ON delegations(delegator);
CREATE INDEX delegations_delegate ON delegations(delegate);
CREATE TABLE delegation_ends (
    delegation_id uuid PRIMARY KEY REFERENCES delegations(id), ended_at bigint NOT NULL, ended_by text NOT NULL);

CREATE FUNCTION payments_paid_is_final() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'a paid payment is final' USING ERRCODE = 'check_violation';
END $$;
CREATE TRIGGER payments_paid_is_final BEFORE UPDATE OF status ON payments
    FOR EACH ROW WHEN (OLD.status = 'paid' AND NEW.status <> 'paid') EXECUTE FUNCTION payments_paid_is_final();
)sql";

// The change clock: one row, advanced by deferred triggers while each writing transaction commits
// (its lock held to the end of that commit), so stamps follow commit order and writers never
// deadlock on it. What each trigger stamps is what SQLite's stamp triggers stamp.
constexpr const char* kChangeClock = R"sql(
CREATE TABLE sync_clock (id integer PRIMARY KEY CHECK (id = 1), seq bigint NOT NULL);
INSERT INTO sync_clock (id, seq) VALUES (1, 0);
CREATE FUNCTION next_server_seq() RETURNS bigint LANGUAGE sql AS
    'UPDATE sync_clock SET seq = seq + 1 WHERE id = 1 RETURNING seq';

-- The record itself (entitlements, distribution events, devices).
CREATE FUNCTION stamp_self() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('UPDATE %I SET server_seq = next_server_seq() WHERE id = $1', TG_TABLE_NAME) USING NEW.id;
    RETURN NULL;
END $$;
-- The entitlement a redemption draws on (a new redemption or a void changes its balance).
CREATE FUNCTION stamp_redeemed_entitlement() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE entitlements SET server_seq = next_server_seq() WHERE id = NEW.entitlement_id;
    RETURN NULL;
END $$;
-- A membership's entitlements (the device shows the membership's state with them).
CREATE FUNCTION stamp_membership_entitlements() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE entitlements SET server_seq = next_server_seq()
    WHERE registrant_id = NEW.registrant_id AND program_id = NEW.program_id;
    RETURN NULL;
END $$;
-- A registrant's entitlements, and those of the households it belongs to (names, members).
CREATE FUNCTION stamp_registrant_entitlements() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE entitlements SET server_seq = next_server_seq()
    WHERE registrant_id = NEW.id
       OR registrant_id IN (SELECT group_id FROM group_memberships WHERE individual_id = NEW.id);
    RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER entitlements_stamp
    AFTER INSERT OR UPDATE OF state, quantity, amount_minor, valid_from, valid_until, service_point_id, voucher_code
    ON entitlements DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION stamp_self();
CREATE CONSTRAINT TRIGGER events_stamp AFTER INSERT OR UPDATE OF starts_at, ends_at, cycle_id
    ON distribution_events DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION stamp_self();
CREATE CONSTRAINT TRIGGER devices_stamp AFTER INSERT OR UPDATE OF state, revoked_at
    ON devices DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION stamp_self();
CREATE CONSTRAINT TRIGGER redemptions_stamp AFTER INSERT OR UPDATE OF voided_by
    ON redemptions DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION stamp_redeemed_entitlement();
CREATE CONSTRAINT TRIGGER memberships_stamp AFTER UPDATE OF state
    ON program_memberships DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION stamp_membership_entitlements();
CREATE CONSTRAINT TRIGGER registrants_stamp AFTER UPDATE
    ON registrants DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION stamp_registrant_entitlements();
)sql";

// What the repositories need beside the tables: SQLite's spmis_uuid7() (registered there by the
// connection) as a SQL function, and the operation log's own counter (on SQLite the operation log
// numbers from the change clock; here that clock is only taken at commit, see database.hpp).
constexpr const char* kRepositorySupport = R"sql(
CREATE FUNCTION spmis_uuid7() RETURNS uuid LANGUAGE sql VOLATILE AS $$
    SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
        PLACING substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
        FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid
$$;
CREATE TABLE operation_clock (id integer PRIMARY KEY CHECK (id = 1), seq bigint NOT NULL);
INSERT INTO operation_clock (id, seq) VALUES (1, 0);
)sql";

// SQLite's schema 23: job leases (several nodes share one job queue).
constexpr const char* kJobLeases = R"sql(
CREATE TABLE job_leases (
    job_id uuid PRIMARY KEY REFERENCES jobs(id), runner text NOT NULL, expires_at bigint NOT NULL);
)sql";

// SQLite's schema 24: failed logins counted across nodes.
constexpr const char* kLoginFailures = R"sql(
CREATE TABLE login_failures (
    key text PRIMARY KEY, failures bigint NOT NULL, locked_until bigint NOT NULL, last_failure bigint NOT NULL);
)sql";

// SQLite's schema 25: grievances (categories with service levels, tickets, history).
constexpr const char* kGrievances = R"sql(
CREATE TABLE grievance_categories (
    code text PRIMARY KEY, name text NOT NULL, response_hours bigint NOT NULL,
    resolution_hours bigint NOT NULL, escalate_to text NOT NULL);
CREATE TABLE grievance_subcategories (
    category text NOT NULL REFERENCES grievance_categories(code), code text NOT NULL,
    PRIMARY KEY (category, code));
CREATE TABLE grievances (
    id uuid PRIMARY KEY, number bigint NOT NULL, category text NOT NULL REFERENCES grievance_categories(code),
    subcategory text NOT NULL, priority text NOT NULL, channel text NOT NULL, complainant_id uuid,
    sensitive bigint NOT NULL, description text NOT NULL, state text NOT NULL, assignee text NOT NULL,
    decision text NOT NULL, appeal_of uuid REFERENCES grievances(id), registrant_id uuid, household_id uuid,
    program_id uuid, entitlement_id uuid, payment_id uuid, redemption_id uuid, service_point_id uuid,
    case_id uuid, opened_by text NOT NULL, opened_at bigint NOT NULL, updated_at bigint NOT NULL,
    response_due_at bigint NOT NULL, resolution_due_at bigint NOT NULL, responded_at bigint,
    resolved_at bigint, hold_started_at bigint, held_micros bigint NOT NULL, escalated_at bigint,
    escalated_to text NOT NULL);
CREATE UNIQUE INDEX grievances_number ON grievances(number);
CREATE INDEX grievances_state ON grievances(state, category);
CREATE INDEX grievances_opened ON grievances(opened_at);
CREATE TABLE grievance_events (
    id uuid PRIMARY KEY, grievance_id uuid NOT NULL REFERENCES grievances(id), kind text NOT NULL,
    from_state text NOT NULL, to_state text NOT NULL, actor text NOT NULL, text text NOT NULL,
    at bigint NOT NULL);
CREATE INDEX grievance_events_grievance ON grievance_events(grievance_id, id);
)sql";

}  // namespace

const std::vector<postgres::Migration>& migrations() {
    static const std::vector<postgres::Migration> kMigrations = {
        postgres::Migration{1, "every table of the SQLite store at its schema 22; the change clock", kTables,
                            [](postgres::Connection& db) { return db.exec(kChangeClock); }},
        postgres::Migration{2, "spmis_uuid7() and the operation log's counter", kRepositorySupport},
        postgres::Migration{3, "job leases (SQLite's schema 23)", kJobLeases},
        postgres::Migration{4, "login failures across nodes (SQLite's schema 24)", kLoginFailures},
        postgres::Migration{5, "grievances (SQLite's schema 25)", kGrievances},
    };
    return kMigrations;
}

}  // namespace spmis::store::pg

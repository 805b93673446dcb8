// Schema 1: every table of the domain. Ids are 16-byte blobs, money is minor units + currency,
// times are Unix microseconds, dates are YYYY-MM-DD text, enums are stable names.

#include "sqlite/migrations.hpp"

namespace spmis::store::sqlite {

const Migration& migration_0001_initial() {
    static const Migration kMigration{1, "initial schema", R"sql(
CREATE TABLE areas (
    id BLOB PRIMARY KEY NOT NULL, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL, level INTEGER NOT NULL,
    parent_id BLOB REFERENCES areas(id));
CREATE TABLE registrants (
    id BLOB PRIMARY KEY NOT NULL, kind TEXT NOT NULL, external_id TEXT NOT NULL, name TEXT NOT NULL,
    given_name TEXT NOT NULL, family_name TEXT NOT NULL, birthdate TEXT, sex TEXT NOT NULL,
    area_id BLOB REFERENCES areas(id), phone TEXT NOT NULL, national_id TEXT NOT NULL,
    disability INTEGER NOT NULL, income_minor INTEGER, income_currency TEXT, pmt_score REAL,
    vulnerability_score REAL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
CREATE UNIQUE INDEX registrants_external_id ON registrants(external_id) WHERE external_id <> '';
CREATE TABLE registrant_attributes (
    registrant_id BLOB NOT NULL REFERENCES registrants(id), name TEXT NOT NULL, type TEXT NOT NULL,
    value TEXT NOT NULL, PRIMARY KEY (registrant_id, name)) WITHOUT ROWID;
CREATE TABLE group_memberships (
    group_id BLOB NOT NULL REFERENCES registrants(id), individual_id BLOB NOT NULL REFERENCES registrants(id),
    kind TEXT NOT NULL, PRIMARY KEY (group_id, individual_id)) WITHOUT ROWID;
CREATE TABLE programs (
    id BLOB PRIMARY KEY NOT NULL, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL, target TEXT NOT NULL,
    state TEXT NOT NULL, eligibility_cel TEXT NOT NULL, compliance_cel TEXT NOT NULL, kind TEXT NOT NULL,
    rule_kind TEXT NOT NULL, rule_fixed INTEGER NOT NULL, rule_cel TEXT NOT NULL, currency TEXT NOT NULL,
    item TEXT NOT NULL, quantity REAL NOT NULL, unit TEXT NOT NULL, created_at INTEGER NOT NULL);
CREATE TABLE program_variables (
    program_id BLOB NOT NULL REFERENCES programs(id), name TEXT NOT NULL, cel TEXT NOT NULL,
    PRIMARY KEY (program_id, name)) WITHOUT ROWID;
CREATE TABLE program_memberships (
    id BLOB PRIMARY KEY NOT NULL, program_id BLOB NOT NULL REFERENCES programs(id),
    registrant_id BLOB NOT NULL REFERENCES registrants(id), state TEXT NOT NULL, enrollment_date TEXT,
    exit_date TEXT, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, UNIQUE (program_id, registrant_id));
CREATE TABLE cycles (
    id BLOB PRIMARY KEY NOT NULL, program_id BLOB NOT NULL REFERENCES programs(id), sequence INTEGER NOT NULL,
    name TEXT NOT NULL, start_date TEXT NOT NULL, end_date TEXT NOT NULL, budget_minor INTEGER NOT NULL,
    budget_currency TEXT NOT NULL, state TEXT NOT NULL, created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL, UNIQUE (program_id, sequence));
CREATE TABLE service_points (
    id BLOB PRIMARY KEY NOT NULL, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
    area_id BLOB REFERENCES areas(id), capacity_per_day INTEGER NOT NULL);
CREATE TABLE service_point_programs (
    service_point_id BLOB NOT NULL REFERENCES service_points(id), program_id BLOB NOT NULL REFERENCES programs(id),
    PRIMARY KEY (service_point_id, program_id)) WITHOUT ROWID;
CREATE TABLE entitlements (
    id BLOB PRIMARY KEY NOT NULL, cycle_id BLOB NOT NULL REFERENCES cycles(id),
    program_id BLOB NOT NULL REFERENCES programs(id), registrant_id BLOB NOT NULL REFERENCES registrants(id),
    kind TEXT NOT NULL, state TEXT NOT NULL, amount_minor INTEGER NOT NULL, currency TEXT NOT NULL,
    item TEXT NOT NULL, quantity REAL NOT NULL, unit TEXT NOT NULL,
    service_point_id BLOB REFERENCES service_points(id), voucher_code TEXT NOT NULL, valid_from TEXT NOT NULL,
    valid_until TEXT NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
CREATE TABLE payment_batches (
    id BLOB PRIMARY KEY NOT NULL, cycle_id BLOB NOT NULL REFERENCES cycles(id), provider TEXT NOT NULL,
    state TEXT NOT NULL, created_at INTEGER NOT NULL);
CREATE TABLE payments (
    id BLOB PRIMARY KEY NOT NULL, batch_id BLOB NOT NULL REFERENCES payment_batches(id),
    entitlement_id BLOB NOT NULL REFERENCES entitlements(id), amount_minor INTEGER NOT NULL,
    currency TEXT NOT NULL, status TEXT NOT NULL, provider_reference TEXT NOT NULL,
    failure_reason TEXT NOT NULL, updated_at INTEGER NOT NULL);
CREATE TABLE distribution_events (
    id BLOB PRIMARY KEY NOT NULL, service_point_id BLOB NOT NULL REFERENCES service_points(id),
    program_id BLOB NOT NULL REFERENCES programs(id), cycle_id BLOB REFERENCES cycles(id),
    starts_at INTEGER NOT NULL, ends_at INTEGER NOT NULL);
CREATE TABLE users (
    id BLOB PRIMARY KEY NOT NULL, username TEXT NOT NULL UNIQUE, display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL, active INTEGER NOT NULL, created_at INTEGER NOT NULL);
CREATE TABLE user_roles (
    user_id BLOB NOT NULL REFERENCES users(id), role TEXT NOT NULL, PRIMARY KEY (user_id, role)) WITHOUT ROWID;
CREATE TABLE devices (
    id BLOB PRIMARY KEY NOT NULL, name TEXT NOT NULL, user_id BLOB REFERENCES users(id),
    public_key TEXT NOT NULL, state TEXT NOT NULL, registered_at INTEGER NOT NULL, revoked_at INTEGER);
CREATE TABLE device_service_points (
    device_id BLOB NOT NULL REFERENCES devices(id), service_point_id BLOB NOT NULL REFERENCES service_points(id),
    PRIMARY KEY (device_id, service_point_id)) WITHOUT ROWID;
CREATE TABLE attendance (
    id BLOB PRIMARY KEY NOT NULL, event_id BLOB NOT NULL REFERENCES distribution_events(id),
    registrant_id BLOB NOT NULL REFERENCES registrants(id), device_id BLOB REFERENCES devices(id),
    recorded_by TEXT NOT NULL, at INTEGER NOT NULL);
CREATE TABLE redemptions (
    id BLOB PRIMARY KEY NOT NULL, entitlement_id BLOB NOT NULL REFERENCES entitlements(id),
    service_point_id BLOB NOT NULL REFERENCES service_points(id), event_id BLOB REFERENCES distribution_events(id),
    device_id BLOB REFERENCES devices(id), quantity REAL NOT NULL, value_minor INTEGER NOT NULL,
    value_currency TEXT NOT NULL, recipient TEXT NOT NULL, proxy_name TEXT NOT NULL,
    credential_id TEXT NOT NULL, recorded_by TEXT NOT NULL, at INTEGER NOT NULL);
CREATE TABLE audit_events (
    seq INTEGER PRIMARY KEY, id BLOB NOT NULL UNIQUE, actor TEXT NOT NULL, record_kind TEXT NOT NULL,
    record_id BLOB NOT NULL, action TEXT NOT NULL, before TEXT NOT NULL, after TEXT NOT NULL,
    reason TEXT NOT NULL, at INTEGER NOT NULL);
)sql"};
    return kMigration;
}

}  // namespace spmis::store::sqlite

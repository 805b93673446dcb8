// Schema 3: server-side sync. The operation log, enrollment codes, the reconciliation queue, and a
// global change clock: triggers stamp every record a device can pull with the next `server_seq`,
// so whichever code path writes (API, import, sync, a migration) pull sees it, in commit order.

#include "sqlite/migrations.hpp"

namespace spmis::store::sqlite {

const Migration& migration_0003_sync() {
    static const Migration kMigration{3, "sync: operation log, cases, change clock", R"sql(
CREATE TABLE server_meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE sync_clock (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL);
INSERT INTO sync_clock (id, seq) VALUES (1, 0);

CREATE TABLE sync_operations (
    device_id BLOB NOT NULL, device_seq INTEGER NOT NULL, hash TEXT NOT NULL, op_type TEXT NOT NULL,
    record_id BLOB NOT NULL, op_json TEXT NOT NULL, server_seq INTEGER NOT NULL, received_at INTEGER NOT NULL,
    disposition TEXT NOT NULL, reason TEXT NOT NULL, case_ids TEXT NOT NULL, flags TEXT NOT NULL,
    PRIMARY KEY (device_id, device_seq)) WITHOUT ROWID;
CREATE INDEX sync_operations_record ON sync_operations(record_id);

CREATE TABLE enrollment_codes (
    code_hash TEXT PRIMARY KEY NOT NULL, service_point_ids TEXT NOT NULL, expires_at INTEGER NOT NULL,
    created_by TEXT NOT NULL, used_at INTEGER) WITHOUT ROWID;

CREATE TABLE reconciliation_cases (
    id BLOB PRIMARY KEY NOT NULL, type TEXT NOT NULL, key TEXT NOT NULL UNIQUE, status TEXT NOT NULL,
    summary TEXT NOT NULL, program_id BLOB, service_point_id BLOB, record_id BLOB,
    created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, decision TEXT NOT NULL DEFAULT '',
    decided_by TEXT NOT NULL DEFAULT '', reason TEXT NOT NULL DEFAULT '', resolved_at INTEGER);
CREATE INDEX reconciliation_cases_status ON reconciliation_cases(status, type);
CREATE TABLE case_links (
    case_id BLOB NOT NULL REFERENCES reconciliation_cases(id), record_id BLOB NOT NULL,
    device_id BLOB, device_seq INTEGER, PRIMARY KEY (case_id, record_id)) WITHOUT ROWID;

CREATE TABLE registrant_field_versions (
    registrant_id BLOB NOT NULL, field TEXT NOT NULL, version INTEGER NOT NULL,
    PRIMARY KEY (registrant_id, field)) WITHOUT ROWID;

ALTER TABLE attendance ADD COLUMN duplicate_of BLOB;
CREATE INDEX attendance_natural_key ON attendance(registrant_id, event_id);
ALTER TABLE redemptions ADD COLUMN voided_by TEXT;
ALTER TABLE entitlements ADD COLUMN server_seq INTEGER NOT NULL DEFAULT 0;
CREATE INDEX entitlements_pull ON entitlements(service_point_id, server_seq);
ALTER TABLE distribution_events ADD COLUMN server_seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE devices ADD COLUMN server_seq INTEGER NOT NULL DEFAULT 0;

CREATE TRIGGER entitlements_stamp_insert AFTER INSERT ON entitlements BEGIN
    UPDATE sync_clock SET seq = seq + 1 WHERE id = 1;
    UPDATE entitlements SET server_seq = (SELECT seq FROM sync_clock WHERE id = 1) WHERE id = NEW.id;
END;
CREATE TRIGGER entitlements_stamp_update
AFTER UPDATE OF state, quantity, amount_minor, valid_from, valid_until, service_point_id, voucher_code
ON entitlements BEGIN
    UPDATE sync_clock SET seq = seq + 1 WHERE id = 1;
    UPDATE entitlements SET server_seq = (SELECT seq FROM sync_clock WHERE id = 1) WHERE id = NEW.id;
END;
CREATE TRIGGER redemptions_stamp_insert AFTER INSERT ON redemptions BEGIN
    UPDATE sync_clock SET seq = seq + 1 WHERE id = 1;
    UPDATE entitlements SET server_seq = (SELECT seq FROM sync_clock WHERE id = 1) WHERE id = NEW.entitlement_id;
END;
CREATE TRIGGER redemptions_stamp_void AFTER UPDATE OF voided_by ON redemptions BEGIN
    UPDATE sync_clock SET seq = seq + 1 WHERE id = 1;
    UPDATE entitlements SET server_seq = (SELECT seq FROM sync_clock WHERE id = 1) WHERE id = NEW.entitlement_id;
END;
CREATE TRIGGER memberships_stamp AFTER UPDATE OF state ON program_memberships BEGIN
    UPDATE sync_clock SET seq = seq + 1 WHERE id = 1;
    UPDATE entitlements SET server_seq = (SELECT seq FROM sync_clock WHERE id = 1)
    WHERE registrant_id = NEW.registrant_id AND program_id = NEW.program_id;
END;
CREATE TRIGGER registrants_stamp AFTER UPDATE ON registrants BEGIN
    UPDATE sync_clock SET seq = seq + 1 WHERE id = 1;
    UPDATE entitlements SET server_seq = (SELECT seq FROM sync_clock WHERE id = 1)
    WHERE registrant_id = NEW.id
       OR registrant_id IN (SELECT group_id FROM group_memberships WHERE individual_id = NEW.id);
END;
CREATE TRIGGER events_stamp_insert AFTER INSERT ON distribution_events BEGIN
    UPDATE sync_clock SET seq = seq + 1 WHERE id = 1;
    UPDATE distribution_events SET server_seq = (SELECT seq FROM sync_clock WHERE id = 1) WHERE id = NEW.id;
END;
CREATE TRIGGER events_stamp_update AFTER UPDATE OF starts_at, ends_at, cycle_id ON distribution_events BEGIN
    UPDATE sync_clock SET seq = seq + 1 WHERE id = 1;
    UPDATE distribution_events SET server_seq = (SELECT seq FROM sync_clock WHERE id = 1) WHERE id = NEW.id;
END;
CREATE TRIGGER devices_stamp_insert AFTER INSERT ON devices BEGIN
    UPDATE sync_clock SET seq = seq + 1 WHERE id = 1;
    UPDATE devices SET server_seq = (SELECT seq FROM sync_clock WHERE id = 1) WHERE id = NEW.id;
END;
CREATE TRIGGER devices_stamp_update AFTER UPDATE OF state, revoked_at ON devices BEGIN
    UPDATE sync_clock SET seq = seq + 1 WHERE id = 1;
    UPDATE devices SET server_seq = (SELECT seq FROM sync_clock WHERE id = 1) WHERE id = NEW.id;
END;
)sql"};
    return kMigration;
}

}  // namespace spmis::store::sqlite

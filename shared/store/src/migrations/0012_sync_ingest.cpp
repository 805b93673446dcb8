// Schema 12: cheaper writes on the push path.
// - Each attendance asks for the first (non-duplicate) record of the same registrant and event: an
//   index of only the non-duplicates, ordered by id, answers without sorting. It replaces the plain
//   (registrant, event) index, which nothing else used.
// - The operation log becomes a rowid table with a unique (device, seq) index: its rows carry the
//   operation's wire text (most of a kilobyte), which a WITHOUT ROWID b-tree stores in its key
//   pages, so every insert moved far more bytes. The rows are copied as they are.

#include "sqlite/migrations.hpp"

namespace spmis::store::sqlite {

const Migration& migration_0012_sync_ingest() {
    static const Migration kMigration{12, "sync ingest: first-attendance index, operation log with rowids",
                                      R"sql(
DROP INDEX attendance_natural_key;
CREATE INDEX attendance_first ON attendance(registrant_id, event_id, id) WHERE duplicate_of IS NULL;

CREATE TABLE sync_operations_v12 (
    device_id BLOB NOT NULL, device_seq INTEGER NOT NULL, hash TEXT NOT NULL, op_type TEXT NOT NULL,
    record_id BLOB NOT NULL, op_json TEXT NOT NULL, server_seq INTEGER NOT NULL, received_at INTEGER NOT NULL,
    disposition TEXT NOT NULL, reason TEXT NOT NULL, case_ids TEXT NOT NULL, flags TEXT NOT NULL,
    UNIQUE (device_id, device_seq));
INSERT INTO sync_operations_v12 SELECT device_id, device_seq, hash, op_type, record_id, op_json, server_seq,
    received_at, disposition, reason, case_ids, flags FROM sync_operations ORDER BY device_id, device_seq;
DROP TABLE sync_operations;
ALTER TABLE sync_operations_v12 RENAME TO sync_operations;
CREATE INDEX sync_operations_record ON sync_operations(record_id);
)sql"};
    return kMigration;
}

}  // namespace spmis::store::sqlite

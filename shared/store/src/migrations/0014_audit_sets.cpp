// Schema 14: one audit event per bulk step, linked to every record it changed.
// A bulk state change (a cycle's entitlements approved, a batch's entitlements transferred) wrote one
// full audit row per entitlement: three b-tree inserts of a wide row each, the largest part of a
// payment batch's write. It now writes one event for the set (record_kind is the records' kind plus
// "s", record_id the cycle or batch that chose them) and one narrow link per record. A record's
// trail reads its own events and the linked ones, each shown as an event about that record.

#include "sqlite/migrations.hpp"

namespace spmis::store::sqlite {

const Migration& migration_0014_audit_sets() {
    static const Migration kMigration{14, "audit sets: one event per bulk step, a link per record",
                                      R"sql(
CREATE TABLE audit_event_records (
    record_id BLOB NOT NULL, event_seq INTEGER NOT NULL, PRIMARY KEY (record_id, event_seq)) WITHOUT ROWID;
)sql"};
    return kMigration;
}

}  // namespace spmis::store::sqlite

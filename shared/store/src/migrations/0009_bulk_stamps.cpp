// Schema 9: set-based entitlement writes. Inserts stamp server_seq themselves (a bulk insert takes
// a block of sync_clock values at once), so the insert trigger goes: its mere presence makes every
// INSERT open a statement journal. The update trigger skips rows whose writer already stamped them
// (bulk state changes); every other update is stamped as before. Devices pull entitlements by
// service point, so cash entitlements (which have none) stay out of the pull index.

#include "sqlite/migrations.hpp"

namespace spmis::store::sqlite {

const Migration& migration_0009_bulk_stamps() {
    static const Migration kMigration{9, "entitlement stamps: writers may stamp in bulk", R"sql(
DROP TRIGGER entitlements_stamp_insert;
DROP INDEX entitlements_pull;
CREATE INDEX entitlements_pull ON entitlements(service_point_id, server_seq) WHERE service_point_id IS NOT NULL;
DROP TRIGGER entitlements_stamp_update;
CREATE TRIGGER entitlements_stamp_update
AFTER UPDATE OF state, quantity, amount_minor, valid_from, valid_until, service_point_id, voucher_code
ON entitlements WHEN NEW.server_seq = OLD.server_seq BEGIN
    UPDATE sync_clock SET seq = seq + 1 WHERE id = 1;
    UPDATE entitlements SET server_seq = (SELECT seq FROM sync_clock WHERE id = 1) WHERE id = NEW.id;
END;
)sql"};
    return kMigration;
}

}  // namespace spmis::store::sqlite

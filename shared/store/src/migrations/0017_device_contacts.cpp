// Schema 17: when each field device last synced. Staff watching the devices list need to see a
// tablet that has gone quiet; operations alone do not tell, since a device with nothing to send
// still syncs (hello, pull). One row per device, rewritten at each hello.

#include "sqlite/migrations.hpp"

namespace spmis::store::sqlite {

const Migration& migration_0017_device_contacts() {
    static const Migration kMigration{17, "device contacts: the last sync of every device", R"sql(
CREATE TABLE device_contacts (
    device_id BLOB PRIMARY KEY REFERENCES devices(id), last_sync_at INTEGER NOT NULL) WITHOUT ROWID;
)sql"};
    return kMigration;
}

}  // namespace spmis::store::sqlite

// Schema 20: staff list the operations the server refused or flagged, newest first, for every device
// or for one (GET /api/v1/sync/operations). Partial indexes hold only those operations, so the list
// and its counts never scan the accepted ones, which are nearly all of the log.

#include "sqlite/migrations.hpp"

namespace spmis::store::sqlite {

const Migration& migration_0020_refused_operations() {
    static const Migration kMigration{20, "sync operations: indexes of the refused and flagged ones", R"sql(
CREATE INDEX IF NOT EXISTS sync_operations_refused ON sync_operations(server_seq)
    WHERE disposition IN ('rejected', 'accepted_flagged');
CREATE INDEX IF NOT EXISTS sync_operations_refused_device ON sync_operations(device_id, server_seq)
    WHERE disposition IN ('rejected', 'accepted_flagged');
)sql"};
    return kMigration;
}

}  // namespace spmis::store::sqlite

// Schema 15: the cycle and batch indexes hold the order their readers ask for.
// A payment batch reads a cycle's entitlements in id order, its export reads a batch's payments in
// entitlement order, and a cycle's bulk transitions list ids in order. With (cycle_id) and
// (batch_id) alone SQLite sorted every row of a large cycle in a temporary b-tree; with the id in
// the key the index yields the order. Same number of indexes, every lookup by cycle or batch keeps
// using the first column.

#include "sqlite/migrations.hpp"

namespace spmis::store::sqlite {

const Migration& migration_0015_ordered_indexes() {
    static const Migration kMigration{
        15, "ordered indexes: cycle entitlements by id, batch payments by entitlement",
        R"sql(
DROP INDEX entitlements_cycle;
CREATE INDEX entitlements_cycle ON entitlements(cycle_id, id);
DROP INDEX payments_batch;
CREATE INDEX payments_batch ON payments(batch_id, entitlement_id);
)sql"};
    return kMigration;
}

}  // namespace spmis::store::sqlite

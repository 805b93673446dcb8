// Schema 13: cheaper redemption writes on the push path.
// - The insert trigger that stamped the redeemed entitlement is dropped: insert_redemption stamps it
//   itself, in the same transaction. A trigger made every redemption insert a multi-table statement,
//   which SQLite runs under a statement journal (a copy of every page it touches) and a trigger frame.
//   The void trigger stays: voids are rare.
// - The entitlement's redeemed sum (every redemption checks it) is read from an index holding the
//   entitlement, the void marker and the quantity, without visiting the table's rows. It replaces
//   the plain entitlement index: every lookup by entitlement still uses its first column.

#include "sqlite/migrations.hpp"

namespace spmis::store::sqlite {

const Migration& migration_0013_redemption_writes() {
    static const Migration kMigration{13, "redemption writes: stamp without a trigger, covering sum index",
                                      R"sql(
DROP TRIGGER redemptions_stamp_insert;
DROP INDEX redemptions_entitlement;
CREATE INDEX redemptions_by_entitlement ON redemptions(entitlement_id, voided_by, quantity);
)sql"};
    return kMigration;
}

}  // namespace spmis::store::sqlite

// Schema 8: the server's credential ledger. A credential verified on the server is already redeemed
// when a redemption that is not voided carries its id; this index keeps that lookup off a table scan.

#include "sqlite/migrations.hpp"

namespace spmis::store::sqlite {

const Migration& migration_0008_credential_ledger() {
    static const Migration kMigration{8, "credential ledger index", R"sql(
CREATE INDEX redemptions_credential ON redemptions(credential_id) WHERE credential_id <> '';
)sql"};
    return kMigration;
}

}  // namespace spmis::store::sqlite

// Schema 7: cash payments. Batches know their provider kind and the SHA-256 of the file sent;
// reconciliation imports are recorded by file hash; the database itself refuses to hold an
// entitlement in two live (pending or paid) payments, so it can never be batched or paid twice,
// and a paid payment never changes again.

#include "sqlite/migrations.hpp"

namespace spmis::store::sqlite {

const Migration& migration_0007_payments() {
    static const Migration kMigration{7, "payments: provider kind, file hash, imports, paid once", R"sql(
ALTER TABLE payment_batches ADD COLUMN provider_kind TEXT NOT NULL DEFAULT 'bank';
ALTER TABLE payment_batches ADD COLUMN file_sha256 TEXT NOT NULL DEFAULT '';
ALTER TABLE payment_batches ADD COLUMN exported_at INTEGER;
CREATE INDEX payment_batches_cycle ON payment_batches(cycle_id, created_at);
CREATE UNIQUE INDEX payments_live_entitlement ON payments(entitlement_id) WHERE status <> 'failed';
CREATE TRIGGER payments_paid_is_final BEFORE UPDATE OF status ON payments
WHEN OLD.status = 'paid' AND NEW.status <> 'paid' BEGIN
    SELECT RAISE(ABORT, 'a paid payment is final');
END;
CREATE TABLE payment_imports (
    batch_id BLOB NOT NULL REFERENCES payment_batches(id), file_sha256 TEXT NOT NULL,
    imported_by TEXT NOT NULL, imported_at INTEGER NOT NULL, paid INTEGER NOT NULL, failed INTEGER NOT NULL,
    PRIMARY KEY (batch_id, file_sha256)) WITHOUT ROWID;
)sql"};
    return kMigration;
}

}  // namespace spmis::store::sqlite

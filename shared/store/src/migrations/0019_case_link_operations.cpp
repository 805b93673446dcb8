// Schema 19: a case links every operation involved, not one per record. case_links was keyed by
// (case, record), so a second operation on a record already linked (a device voiding a redemption
// the case lists; a second device's conflicting change to the same membership or registrant) was
// dropped. Keyed now by (case, record, device, seq), a link without an operation (a record written
// centrally) still once; looked up by record to link a void beside the redemption it voids.

#include "sqlite/migrations.hpp"

namespace spmis::store::sqlite {

const Migration& migration_0019_case_link_operations() {
    static const Migration kMigration{19, "case links: every operation on a linked record", R"sql(
CREATE TABLE case_links_19 (
    case_id BLOB NOT NULL REFERENCES reconciliation_cases(id), record_id BLOB NOT NULL,
    device_id BLOB, device_seq INTEGER);
INSERT INTO case_links_19 (case_id, record_id, device_id, device_seq)
    SELECT case_id, record_id, device_id, device_seq FROM case_links;
DROP TABLE case_links;
ALTER TABLE case_links_19 RENAME TO case_links;
CREATE UNIQUE INDEX case_links_key
    ON case_links(case_id, record_id, IFNULL(device_id, x''), IFNULL(device_seq, 0));
CREATE INDEX case_links_record ON case_links(record_id);
)sql"};
    return kMigration;
}

}  // namespace spmis::store::sqlite

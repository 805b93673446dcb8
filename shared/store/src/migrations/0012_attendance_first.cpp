// Schema 12: the push path asks, for every attendance, for the first (non-duplicate) record of the
// same registrant and event. An index of only the non-duplicates, ordered by id, answers that
// without sorting; it replaces the plain (registrant, event) index, which nothing else used.

#include "sqlite/migrations.hpp"

namespace spmis::store::sqlite {

const Migration& migration_0012_attendance_first() {
    static const Migration kMigration{12, "attendance: index of first records by registrant and event", R"sql(
DROP INDEX attendance_natural_key;
CREATE INDEX attendance_first ON attendance(registrant_id, event_id, id) WHERE duplicate_of IS NULL;
)sql"};
    return kMigration;
}

}  // namespace spmis::store::sqlite

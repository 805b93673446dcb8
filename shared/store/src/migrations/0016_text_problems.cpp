// Schema 16: text that entered before every door checked it is reported, never altered.
// Names, identifiers and phone numbers of registrants that hold invalid UTF-8, NUL, control or
// direction characters are listed in text_problems (table, row, column, what is wrong) for staff to
// correct through the API (user names: migration 21); the rows themselves stay as they are.
// Encoders meeting such a value report an error instead of throwing (spmis/json), so one row can no
// longer stop a pull.
// Also: the cases of an entitlement are read by record for every pulled entitlement, so they get an
// index on record_id.

#include "sqlite/migrations.hpp"

namespace spmis::store::sqlite {

const Migration& migration_0016_text_problems() {
    static const Migration kMigration{16,
                                      "text problems: report stored text that is not clean, alter nothing",
                                      R"sql(
CREATE TABLE text_problems (
    table_name TEXT NOT NULL, row_id BLOB NOT NULL, column_name TEXT NOT NULL, problem TEXT NOT NULL,
    PRIMARY KEY (table_name, row_id, column_name)) WITHOUT ROWID;
INSERT INTO text_problems
    SELECT 'registrants', id, 'name', spmis_text_problem(name) FROM registrants
        WHERE spmis_text_problem(name) IS NOT NULL
    UNION ALL SELECT 'registrants', id, 'given_name', spmis_text_problem(given_name) FROM registrants
        WHERE spmis_text_problem(given_name) IS NOT NULL
    UNION ALL SELECT 'registrants', id, 'family_name', spmis_text_problem(family_name) FROM registrants
        WHERE spmis_text_problem(family_name) IS NOT NULL
    UNION ALL SELECT 'registrants', id, 'national_id', spmis_text_problem(national_id) FROM registrants
        WHERE spmis_text_problem(national_id) IS NOT NULL
    UNION ALL SELECT 'registrants', id, 'phone', spmis_text_problem(phone) FROM registrants
        WHERE spmis_text_problem(phone) IS NOT NULL;
-- Every pulled entitlement now carries the cases about it: found by record, not by a scan.
CREATE INDEX reconciliation_cases_record ON reconciliation_cases(record_id);
)sql"};
    return kMigration;
}

}  // namespace spmis::store::sqlite

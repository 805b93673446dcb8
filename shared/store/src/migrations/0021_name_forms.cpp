// Schema 21: names stored before they were normalised at input are reported, never altered.
// Since names and user names are kept in Unicode normal form C (NFC), a decomposed spelling stored
// earlier ("Jose" + a combining acute accent) is a second spelling of the same name: searches and
// duplicate checks no longer meet it, and a user name stored that way no longer signs in. Such
// registrant names, and user names or display names with any text problem (migration 16 left users
// out), are added to text_problems (table, row, column, what is wrong) for staff to correct; the
// rows themselves stay as they are. A column already listed keeps its first problem.

#include "sqlite/migrations.hpp"

namespace spmis::store::sqlite {

const Migration& migration_0021_name_forms() {
    static const Migration kMigration{21, "text problems: report names not in normal form C, alter nothing",
                                      R"sql(
INSERT OR IGNORE INTO text_problems
    SELECT 'registrants', id, 'name', spmis_nfc_problem(name) FROM registrants
        WHERE spmis_nfc_problem(name) IS NOT NULL
    UNION ALL SELECT 'registrants', id, 'given_name', spmis_nfc_problem(given_name) FROM registrants
        WHERE spmis_nfc_problem(given_name) IS NOT NULL
    UNION ALL SELECT 'registrants', id, 'family_name', spmis_nfc_problem(family_name) FROM registrants
        WHERE spmis_nfc_problem(family_name) IS NOT NULL
    UNION ALL SELECT 'users', id, 'username',
            coalesce(spmis_text_problem(username), spmis_nfc_problem(username)) FROM users
        WHERE coalesce(spmis_text_problem(username), spmis_nfc_problem(username)) IS NOT NULL
    UNION ALL SELECT 'users', id, 'display_name',
            coalesce(spmis_text_problem(display_name), spmis_nfc_problem(display_name)) FROM users
        WHERE coalesce(spmis_text_problem(display_name), spmis_nfc_problem(display_name)) IS NOT NULL;
)sql"};
    return kMigration;
}

}  // namespace spmis::store::sqlite

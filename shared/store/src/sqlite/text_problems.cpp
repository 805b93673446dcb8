// The text problems migrations 16 and 21 listed, judged again on the values as they are now: a value
// staff corrected (through the API, an import or a device's push) drops out of the list without any
// write path having to remember the list exists.

#include "sqlite/repositories.hpp"

namespace spmis::store::sqlite {
namespace {

// The listed column's current value (NULL when the row is gone), and what is wrong with it now (the
// checks of migrations 16 and 21: unclean text first, then a spelling other than NFC).
const char* const kListSql = R"sql(
SELECT table_name, row_id, column_name, coalesce(spmis_text_problem(value), spmis_nfc_problem(value))
FROM (SELECT p.table_name, p.row_id, p.column_name,
          CASE p.table_name
              WHEN 'registrants' THEN (SELECT CASE p.column_name
                  WHEN 'name' THEN r.name WHEN 'given_name' THEN r.given_name
                  WHEN 'family_name' THEN r.family_name WHEN 'national_id' THEN r.national_id
                  WHEN 'phone' THEN r.phone END FROM registrants r WHERE r.id = p.row_id)
              WHEN 'users' THEN (SELECT CASE p.column_name
                  WHEN 'username' THEN u.username WHEN 'display_name' THEN u.display_name END
                  FROM users u WHERE u.id = p.row_id)
          END AS value
      FROM text_problems p
      WHERE ?1 IS NULL OR (p.table_name, p.row_id, p.column_name) > (?1, ?2, ?3)
      ORDER BY p.table_name, p.row_id, p.column_name)
WHERE coalesce(spmis_text_problem(value), spmis_nfc_problem(value)) IS NOT NULL
LIMIT ?4
)sql";

TextProblem read_text_problem(Row& r) {
    TextProblem p;
    p.table = r.text();
    p.row_id = r.uuid();
    p.column = r.text();
    p.problem = r.text();
    return p;
}

}  // namespace

Result<std::vector<TextProblem>> SqliteRegistry::list_text_problems(
    const std::optional<TextProblemKey>& after, std::size_t limit) {
    const auto n = static_cast<std::int64_t>(limit);
    if (!after)
        return query<TextProblem>(db_, kListSql, read_text_problem, std::nullopt, std::nullopt, std::nullopt,
                                  n);
    return query<TextProblem>(db_, kListSql, read_text_problem, after->table, after->row_id, after->column,
                              n);
}

}  // namespace spmis::store::sqlite

// The text problems migrations 16 and 21 listed, judged again on the values as they are now: a value
// staff corrected (through the API, an import or a device's push) drops out of the list without any
// write path having to remember the list exists.

#include "repositories/repositories.hpp"
#include "text/stored_text_problems.hpp"

namespace spmis::store::SPMIS_STORE_NS {
namespace {

// Listed entries after a key, with the listed column's current value (NULL when the row is gone).
const char* const kListSql = R"sql(
SELECT p.table_name, p.row_id, p.column_name,
    CASE p.table_name
        WHEN 'registrants' THEN (SELECT CASE p.column_name
            WHEN 'name' THEN r.name WHEN 'given_name' THEN r.given_name
            WHEN 'family_name' THEN r.family_name WHEN 'national_id' THEN r.national_id
            WHEN 'phone' THEN r.phone END FROM registrants r WHERE r.id = p.row_id)
        WHEN 'users' THEN (SELECT CASE p.column_name
            WHEN 'username' THEN u.username WHEN 'display_name' THEN u.display_name END
            FROM users u WHERE u.id = p.row_id)
    END
FROM text_problems p
WHERE ?1 IS NULL OR (p.table_name, p.row_id, p.column_name) > (?1, ?2, ?3)
ORDER BY p.table_name, p.row_id, p.column_name
LIMIT ?4
)sql";

struct Listed {
    TextProblem entry;
    std::optional<std::string> value;
};

Listed read_listed(Row& r) {
    Listed l;
    l.entry.table = r.text();
    l.entry.row_id = r.uuid();
    l.entry.column = r.text();
    l.value = r.optional<std::string>([](Row& x) { return x.bytes(); });
    return l;
}

// What is wrong with the value now (unclean text first, then a spelling other than NFC); nothing
// when it has been corrected or its row is gone.
std::optional<std::string> problem_now(const std::optional<std::string>& value) {
    if (!value) return std::nullopt;
    if (auto p = unclean_text_problem(*value)) return p;
    return nfc_problem(*value);
}

}  // namespace

Result<std::vector<TextProblem>> SqlRegistry::list_text_problems(const std::optional<TextProblemKey>& after,
                                                                 std::size_t limit) {
    std::vector<TextProblem> out;
    std::optional<TextProblemKey> cursor = after;
    const std::int64_t page = std::max<std::int64_t>(static_cast<std::int64_t>(limit), 64);
    while (out.size() < limit) {
        Result<std::vector<Listed>> rows =
            cursor ? query<Listed>(db_, kListSql, read_listed, cursor->table, cursor->row_id, cursor->column,
                                   page)
                   : query<Listed>(db_, kListSql, read_listed, std::optional<std::string>(),
                                   std::optional<Uuid>(), std::optional<std::string>(), page);
        if (!rows.ok()) return rows.status();
        for (auto& l : *rows) {
            if (out.size() == limit) break;
            if (auto problem = problem_now(l.value)) {
                l.entry.problem = std::move(*problem);
                out.push_back(std::move(l.entry));
            }
        }
        if (static_cast<std::int64_t>(rows->size()) < page) break;
        const TextProblem& last = rows->back().entry;
        cursor = TextProblemKey{last.table, last.row_id, last.column};
    }
    return out;
}

}  // namespace spmis::store::SPMIS_STORE_NS

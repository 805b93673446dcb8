// Schema 18: registry search finds a name by the prefix of any of its words, whatever its accents
// and case ("jose" finds "Ana José Diallo"), as the field device does. Each registrant's folded name
// has one key per word (the rest of the name from that word on); search_name is folded the same way.
// Old rows are folded by spmis_fold, the write path's own function, and split on spaces as
// name_word_keys splits them (spmis/base/text_fold.hpp).

#include "sqlite/migrations.hpp"

namespace spmis::store::sqlite {

const Migration& migration_0018_name_words() {
    static const Migration kMigration{18, "name words: accent-insensitive search by any word of a name",
                                      R"sql(
CREATE TABLE registrant_name_keys (
    word_key TEXT NOT NULL, registrant_id BLOB NOT NULL REFERENCES registrants(id),
    PRIMARY KEY (word_key, registrant_id)) WITHOUT ROWID;
CREATE INDEX registrant_name_keys_registrant ON registrant_name_keys(registrant_id);
UPDATE registrants SET search_name = spmis_fold(name);
WITH RECURSIVE keys(id, key) AS (
    SELECT id, ltrim(search_name, ' ') FROM registrants
    UNION ALL
    SELECT id, ltrim(substr(key, instr(key, ' ') + 1), ' ') FROM keys WHERE instr(key, ' ') > 0)
INSERT OR IGNORE INTO registrant_name_keys (word_key, registrant_id) SELECT key, id FROM keys WHERE key <> '';
)sql"};
    return kMigration;
}

}  // namespace spmis::store::sqlite

#include "sqlite/database.hpp"

#include <algorithm>

#include "spmis/base/text_fold.hpp"
#include "spmis/store/tuning.hpp"
#include "text/stored_text_problems.hpp"

namespace spmis::store::sqlite {
namespace {

// spmis_uuid7(): a new v7 id as a 16-byte blob, so set-based writes mint one id per row in SQL.
void uuid7_function(sqlite3_context* ctx, int /*argc*/, sqlite3_value** /*argv*/) {
    const Uuid id = new_uuid_v7();
    sqlite3_result_blob(ctx, id.bytes().data(), 16, SQLITE_TRANSIENT);
}

// The text of a SQL argument (NULL is no text).
std::optional<std::string_view> text_argument(sqlite3_value* v) {
    if (sqlite3_value_type(v) == SQLITE_NULL) return std::nullopt;
    const auto* bytes = static_cast<const char*>(sqlite3_value_blob(v));
    return std::string_view(bytes != nullptr ? bytes : "", static_cast<std::size_t>(sqlite3_value_bytes(v)));
}

void result_problem(sqlite3_context* ctx, const std::optional<std::string>& problem) {
    if (!problem) return sqlite3_result_null(ctx);
    sqlite3_result_text(ctx, problem->c_str(), static_cast<int>(problem->size()), SQLITE_TRANSIENT);
}

// spmis_text_problem(text) and spmis_nfc_problem(text): NULL, or what is wrong with the value
// (text/stored_text_problems.hpp), so migrations can list old rows.
void text_problem_function(sqlite3_context* ctx, int /*argc*/, sqlite3_value** argv) {
    const auto text = text_argument(argv[0]);
    if (!text) return sqlite3_result_null(ctx);
    result_problem(ctx, unclean_text_problem(*text));
}

void nfc_problem_function(sqlite3_context* ctx, int /*argc*/, sqlite3_value** argv) {
    const auto text = text_argument(argv[0]);
    if (!text) return sqlite3_result_null(ctx);
    result_problem(ctx, nfc_problem(*text));
}

// spmis_fold(text): the name as search folds it (spmis/base/text_fold.hpp), so a migration folds old
// rows exactly as the write path folds new ones.
void fold_function(sqlite3_context* ctx, int /*argc*/, sqlite3_value** argv) {
    const auto text = text_argument(argv[0]);
    if (!text) return sqlite3_result_null(ctx);
    const std::string folded = fold_for_search(*text);
    sqlite3_result_text(ctx, folded.c_str(), static_cast<int>(folded.size()), SQLITE_TRANSIENT);
}

}  // namespace

Result<std::unique_ptr<Database>> Database::open(const std::string& path, Clock& clock,
                                                 KillSwitch* kill_switch) {
    auto db = std::make_unique<Database>(clock);
    ::spmis::sqlite::Options options;
    options.busy_timeout_ms = tuning::kSqliteBusyTimeoutMs;
    options.foreign_keys = true;
    options.cache_kib = tuning::kSqliteCacheSizeKib;
    options.kill_switch = kill_switch;
    SPMIS_RETURN_IF_ERROR(db->open_file(path, options));
    // Not deterministic: every call must return a new id.
    SPMIS_RETURN_IF_ERROR(db->define_function("spmis_uuid7", 0, false, uuid7_function));
    SPMIS_RETURN_IF_ERROR(db->define_function("spmis_text_problem", 1, true, text_problem_function));
    SPMIS_RETURN_IF_ERROR(db->define_function("spmis_nfc_problem", 1, true, nfc_problem_function));
    SPMIS_RETURN_IF_ERROR(db->define_function("spmis_fold", 1, true, fold_function));
    return db;
}

Result<std::int64_t> reserve_stamps(Database& db, std::int64_t n) {
    SPMIS_RETURN_IF_ERROR(run(db, "UPDATE sync_clock SET seq = seq + ?1 WHERE id = 1", n));
    SPMIS_ASSIGN_OR_RETURN(auto last, query_one<std::int64_t>(db, "SELECT seq FROM sync_clock WHERE id = 1",
                                                              [](Row& r) { return r.i64(); }));
    if (!last) return make_error(ErrorCode::kCorrupt, "sync_clock has no row");
    return *last - n + 1;
}

}  // namespace spmis::store::sqlite

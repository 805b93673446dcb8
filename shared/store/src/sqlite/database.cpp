#include "sqlite/database.hpp"

#include <algorithm>

#include "spmis/base/text.hpp"
#include "spmis/base/text_fold.hpp"
#include "spmis/store/tuning.hpp"

namespace spmis::store::sqlite {
namespace {

// spmis_uuid7(): a new v7 id as a 16-byte blob, so set-based writes mint one id per row in SQL.
void uuid7_function(sqlite3_context* ctx, int /*argc*/, sqlite3_value** /*argv*/) {
    const Uuid id = new_uuid_v7();
    sqlite3_result_blob(ctx, id.bytes().data(), 16, SQLITE_TRANSIENT);
}

// spmis_text_problem(text): NULL for clean one-line text, else what is wrong with it (invalid UTF-8,
// NUL, control or direction characters; spmis/base/text.hpp), so a migration can report old rows.
void text_problem_function(sqlite3_context* ctx, int /*argc*/, sqlite3_value** argv) {
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(ctx);
    const auto* bytes = static_cast<const char*>(sqlite3_value_blob(argv[0]));
    const std::string_view text(bytes != nullptr ? bytes : "",
                                static_cast<std::size_t>(sqlite3_value_bytes(argv[0])));
    const TextProblem p = find_text_problem(text, TextKind::kLine);
    if (p.ok()) return sqlite3_result_null(ctx);
    const std::string reason = p.reason + " at byte " + std::to_string(p.offset);
    sqlite3_result_text(ctx, reason.c_str(), static_cast<int>(reason.size()), SQLITE_TRANSIENT);
}

// spmis_nfc_problem(text): NULL for text in Unicode normal form C (and for text that is not UTF-8,
// which spmis_text_problem reports), else where it first differs from its NFC spelling, so a
// migration can report names stored before input normalised them.
void nfc_problem_function(sqlite3_context* ctx, int /*argc*/, sqlite3_value** argv) {
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(ctx);
    const auto* bytes = static_cast<const char*>(sqlite3_value_blob(argv[0]));
    const std::string_view text(bytes != nullptr ? bytes : "",
                                static_cast<std::size_t>(sqlite3_value_bytes(argv[0])));
    const std::string nfc = to_nfc(text);
    if (nfc == text) return sqlite3_result_null(ctx);
    // The first byte that differs, moved back to the start of its character.
    std::size_t at = static_cast<std::size_t>(
        std::mismatch(text.begin(), text.end(), nfc.begin(), nfc.end()).first - text.begin());
    while (at > 0 && at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) --at;
    const std::string reason = "not in normal form C (NFC) at byte " + std::to_string(at);
    sqlite3_result_text(ctx, reason.c_str(), static_cast<int>(reason.size()), SQLITE_TRANSIENT);
}

// spmis_fold(text): the name as search folds it (spmis/base/text_fold.hpp), so a migration folds old
// rows exactly as the write path folds new ones.
void fold_function(sqlite3_context* ctx, int /*argc*/, sqlite3_value** argv) {
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(ctx);
    const auto* bytes = static_cast<const char*>(sqlite3_value_blob(argv[0]));
    const std::string folded = fold_for_search(std::string_view(
        bytes != nullptr ? bytes : "", static_cast<std::size_t>(sqlite3_value_bytes(argv[0]))));
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

Status Database::append_audit(const model::AuditEvent& e) {
    return run(
        *this,
        "INSERT INTO audit_events (id, actor, record_kind, record_id, action, before, after, reason, at)"
        " VALUES (?,?,?,?,?,?,?,?,?)",
        e.id, e.actor, e.record_kind, e.record_id, e.action, e.before, e.after, e.reason, e.at);
}

model::AuditEvent Database::audit_event(std::string actor, std::string kind, const Uuid& id,
                                        std::string action, std::string before, std::string after,
                                        std::string reason) const {
    return model::AuditEvent{new_uuid_v7(),     std::move(actor), std::move(kind),   id,   std::move(action),
                             std::move(before), std::move(after), std::move(reason), now()};
}

}  // namespace spmis::store::sqlite

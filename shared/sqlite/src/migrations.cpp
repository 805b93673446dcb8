#include "spmis/sqlite/migrations.hpp"

namespace spmis::sqlite {

Result<int> schema_version_of(Connection& db) {
    SPMIS_ASSIGN_OR_RETURN(std::int64_t v, query_int(db, "PRAGMA user_version", 0));
    return static_cast<int>(v);
}

Status migrate(Connection& db, const std::vector<Migration>& migrations, int target,
               const std::string& what) {
    const int latest = migrations.empty() ? 0 : migrations.back().version;
    if (target == 0) target = latest;
    SPMIS_ASSIGN_OR_RETURN(int current, schema_version_of(db));
    if (current > latest) {
        return make_error(ErrorCode::kSchemaTooNew, what + " schema version " + std::to_string(current) +
                                                        " is newer than this build of spmis knows (latest " +
                                                        std::to_string(latest) + "); upgrade spmis");
    }
    for (const Migration& m : migrations) {
        if (m.version <= current || m.version > target) continue;
        Status s = db.transaction([&]() -> Status {
            SPMIS_RETURN_IF_ERROR(db.exec(m.sql));
            if (m.code) SPMIS_RETURN_IF_ERROR(m.code(db));
            return db.exec("PRAGMA user_version = " + std::to_string(m.version));
        });
        if (!s.ok()) {
            return make_error(s.code(), what + " migration " + std::to_string(m.version) + " (" +
                                            m.description + ") failed: " + s.message());
        }
    }
    return {};
}

}  // namespace spmis::sqlite

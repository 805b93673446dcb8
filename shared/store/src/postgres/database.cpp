#include "postgres/database.hpp"

namespace spmis::store::pg {

Result<std::unique_ptr<Database>> Database::open(const std::string& url, Clock& clock,
                                                 KillSwitch* kill_switch) {
    auto db = std::make_unique<Database>(clock);
    postgres::Options options;
    options.url = url;
    options.kill_switch = kill_switch;
    SPMIS_RETURN_IF_ERROR(db->connect(options));
    db->url_ = url;
    return db;
}

Result<std::int64_t> reserve_operation_seqs(Database& db, std::int64_t n) {
    SPMIS_ASSIGN_OR_RETURN(auto last,
                           query_one<std::int64_t>(
                               db, "UPDATE operation_clock SET seq = seq + ?1 WHERE id = 1 RETURNING seq",
                               [](Row& r) { return r.i64(); }, n));
    if (!last) return make_error(ErrorCode::kCorrupt, "operation_clock has no row");
    return *last - n + 1;
}

}  // namespace spmis::store::pg

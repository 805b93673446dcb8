#pragma once
// The repositories' SQL is portable between SQLite and PostgreSQL, so this folder is compiled once
// per backend (shared/store/CMakeLists.txt): into that backend's namespace (SPMIS_STORE_NS), against
// its Database. What differs between the two lives beside each Database, under the same names:
//   reserve_stamps(db, n)          sync stamps a write takes itself (SQLite; PostgreSQL stamps at commit)
//   reserve_operation_seqs(db, n)  consecutive numbers for the operation log
//   kBulkIdsTable                  the temporary table a set-based step collects ids in
//   day_of_micros(expr)            the UTC calendar day ('YYYY-MM-DD') of a Unix-microseconds column
// and the backend's own SQL functions (spmis_uuid7()).

#if defined(SPMIS_STORE_POSTGRES)
#include "postgres/database.hpp"
#define SPMIS_STORE_NS pg
#else
#include "sqlite/database.hpp"
#define SPMIS_STORE_NS sqlite
#endif

namespace spmis::store::SPMIS_STORE_NS {

// A stored enumeration name read back; the default value and a noted error when it is unknown.
template <typename E>
E enumeration(Row& r) {
    return r.parsed<E>([](std::string_view text) { return model::parse_enum<E>(text); });
}

// The single row of a query; kNotFound naming the record kind and id when there is none.
template <typename T, typename F>
Result<T> get_by_id(Database& db, const std::string& sql, F read, const char* kind, const Uuid& id) {
    SPMIS_ASSIGN_OR_RETURN(auto row, query_one<T>(db, sql, read, id));
    if (!row)
        return make_error(ErrorCode::kNotFound, std::string(kind) + " " + id.to_string() + " does not exist");
    return std::move(*row);
}

}  // namespace spmis::store::SPMIS_STORE_NS

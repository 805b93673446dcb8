#pragma once
// PostgreSQL's answers as the project's error codes.

#include <libpq-fe.h>

#include "spmis/base/status.hpp"

namespace spmis::postgres {

// The error of a failed result (`result` may be null when libpq returned none): unique violations
// are kAlreadyExists, foreign keys kNotFound, other constraint and data errors kInvalidArgument,
// serialization failures and deadlocks kConflict, everything else (a lost connection) kStorage.
Status error_of(PGconn* conn, const PGresult* result, const std::string& what);

}  // namespace spmis::postgres

#include "errors.hpp"

#include <string_view>

namespace spmis::postgres {

Status error_of(PGconn* conn, const PGresult* result, const std::string& what) {
    const char* state = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    std::string message = result != nullptr ? PQresultErrorMessage(result) : "";
    if (message.empty()) message = PQerrorMessage(conn);
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
    const std::string_view code = state != nullptr ? state : "";
    const std::string text = "postgresql " + what + ": " + message;
    if (code == "23505") return make_error(ErrorCode::kAlreadyExists, text);
    if (code == "23503")
        return make_error(ErrorCode::kNotFound, "a referenced record does not exist (" + text + ")");
    if (code.starts_with("23") || code.starts_with("22"))
        return make_error(ErrorCode::kInvalidArgument, text);
    if (code == "40001" || code == "40P01") return make_error(ErrorCode::kConflict, text);
    return make_error(ErrorCode::kStorage, text);
}

}  // namespace spmis::postgres

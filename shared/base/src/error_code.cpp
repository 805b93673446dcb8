#include "spmis/base/error_code.hpp"

namespace spmis {

std::string_view error_code_name(ErrorCode code) {
    switch (code) {
        case ErrorCode::kOk: return "ok";
        case ErrorCode::kInvalidArgument: return "invalid_argument";
        case ErrorCode::kNotFound: return "not_found";
        case ErrorCode::kAlreadyExists: return "already_exists";
        case ErrorCode::kIllegalTransition: return "illegal_transition";
        case ErrorCode::kConflict: return "conflict";
        case ErrorCode::kPermissionDenied: return "permission_denied";
        case ErrorCode::kUnauthenticated: return "unauthenticated";
        case ErrorCode::kFailedPrecondition: return "failed_precondition";
        case ErrorCode::kResourceExhausted: return "resource_exhausted";
        case ErrorCode::kStorage: return "storage";
        case ErrorCode::kSchemaTooNew: return "schema_too_new";
        case ErrorCode::kNetwork: return "network";
        case ErrorCode::kCorrupt: return "corrupt";
        case ErrorCode::kRuleError: return "rule_error";
        case ErrorCode::kInternal: return "internal";
        case ErrorCode::kRefused: return "refused";
    }
    return "unknown";
}

int exit_code_for(ErrorCode code) {
    switch (code) {
        case ErrorCode::kOk: return 0;
        case ErrorCode::kRefused:
        case ErrorCode::kIllegalTransition:
        case ErrorCode::kConflict:
        case ErrorCode::kPermissionDenied:
        case ErrorCode::kFailedPrecondition:
        case ErrorCode::kResourceExhausted: return 1;
        case ErrorCode::kNetwork:
        case ErrorCode::kUnauthenticated: return 3;
        case ErrorCode::kStorage:
        case ErrorCode::kSchemaTooNew:
        case ErrorCode::kCorrupt:
        case ErrorCode::kInternal: return 4;
        default: return 2;
    }
}

int http_status_for(ErrorCode code) {
    switch (code) {
        case ErrorCode::kOk: return 200;
        case ErrorCode::kNotFound: return 404;
        case ErrorCode::kAlreadyExists:
        case ErrorCode::kIllegalTransition:
        case ErrorCode::kConflict: return 409;
        case ErrorCode::kPermissionDenied: return 403;
        case ErrorCode::kUnauthenticated: return 401;
        case ErrorCode::kFailedPrecondition:
        case ErrorCode::kRefused: return 422;
        case ErrorCode::kResourceExhausted: return 413;
        case ErrorCode::kStorage:
        case ErrorCode::kSchemaTooNew:
        case ErrorCode::kInternal: return 500;
        case ErrorCode::kNetwork: return 502;
        default: return 400;
    }
}

}  // namespace spmis

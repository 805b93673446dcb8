// POST /api/v1/credentials/verify: the server checks a scanned SPP1 credential exactly as a device
// does (CREDENTIALS.md), against its own trust list and redemption ledger.

#include "spmis/api/api.hpp"
#include "spmis/api/json_io.hpp"
#include "spmis/api/sync_api.hpp"
#include "spmis/credential/json.hpp"

namespace spmis::api {
namespace {

// The credential text: the raw body (a scanner's output, one trailing newline allowed), or a JSON
// object {"text": "SPP1:..."}. Too long a text is the verifier's FORMAT answer, like on a device.
Result<std::string> credential_text(const http::HttpRequest& request) {
    if (request.body.empty() || request.body.front() != '{') return request.body;
    SPMIS_ASSIGN_OR_RETURN(nlohmann::json body, parse_json_object(request.body));
    SPMIS_RETURN_IF_ERROR(reject_unknown_fields(body, {"text"}));
    return string_field(body, "text");
}

http::HttpResponse verify(SyncService& service, const http::HttpRequest& request) {
    Result<std::string> text = credential_text(request);
    if (!text.ok()) return error_response(text.status());
    if (text->empty()) return error_response(400, ErrorCode::kInvalidArgument, "send the credential text");
    const std::lock_guard lock(service.mutex);
    Result<credential::VerifyResult> result = service.server->verify_credential(*text);
    if (!result.ok()) return error_response(result.status());
    return json_response(200, credential::verify_result_to_json(*result));
}

}  // namespace

void register_credential_routes(http::Router& router, SyncService& service) {
    add_route(
        router,
        {"POST", "/api/v1/credentials/verify", auth::Permission::kProgramRead,
         "Verify a scanned SPP1 credential against the server's trust list and ledger",
         "the credential text (SPP1:...), or {\"text\"}",
         "{\"code\": \"OK\"|\"UNSUPPORTED\"|\"FORMAT\"|\"UNKNOWN_SIGNER\"|\"BAD_SIGNATURE\"|"
         "\"NOT_YET_VALID\"|\"EXPIRED\"|\"SIGNER_NOT_VALID\"|\"SIGNER_REVOKED\"|\"PROGRAM_NOT_ALLOWED\"|"
         "\"REVOKED\"|\"ALREADY_REDEEMED\", \"ok\", \"detail\", \"stale\", \"kid\", \"signer_device_id\", "
         "\"claims\"?}"},
        [&service](const http::HttpRequest& r) { return verify(service, r); });
}

}  // namespace spmis::api

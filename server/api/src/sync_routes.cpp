// Device-facing sync endpoints (signed by the device, no bearer token) and device administration.

#include <array>
#include <string_view>
#include <utility>

#include <sodium.h>

#include "spmis/api/api.hpp"
#include "spmis/api/json_io.hpp"
#include "spmis/api/sync_api.hpp"
#include "spmis/api/tuning.hpp"
#include "spmis/credential/qr.hpp"
#include "spmis/model/enum_names.hpp"
#include "spmis/sync/push_prepare.hpp"

namespace spmis::api {
namespace {

using auth::Permission;

http::HttpResponse raw_json(const std::string& body) {
    return {200, {{"Content-Type", "application/json"}}, body};
}

// A push: parsing, hashing and encoding the answer run in this worker, in parallel with other
// workers; only the store half holds the mutex (the answers are those of SyncServer::handle).
http::HttpResponse push_call(SyncService& service, const std::string& body) {
    Result<sync::PreparedPush> prepared = sync::prepare_push(std::string_view(body));
    if (!prepared.ok()) return error_response(prepared.status());
    Result<sync::PushResponse> answer = [&] {
        const std::lock_guard lock(service.mutex);
        return service.server->apply_push(*prepared);
    }();
    if (!answer.ok()) return error_response(answer.status());
    return raw_json(sync::to_json(*answer).dump());
}

// hello, push and pull: the body is authenticated by the device's signature inside SyncServer.
http::HttpResponse sync_call(SyncService& service, const std::string& endpoint,
                             const http::HttpRequest& request) {
    Result<std::string> body = decoded_body(request, tuning::kSyncMaxInflatedBytes);
    if (!body.ok()) return error_response(body.status());
    if (endpoint == "push") return push_call(service, *body);
    const std::lock_guard lock(service.mutex);
    Result<std::string> answer = service.server->handle(endpoint, *body);
    if (!answer.ok()) return error_response(answer.status());
    return raw_json(*answer);
}

http::HttpResponse enroll(SyncService& service, const http::HttpRequest& request) {
    Result<std::string> text = decoded_body(request, tuning::kSyncMaxInflatedBytes);
    if (!text.ok()) return error_response(text.status());
    Result<nlohmann::json> body = parse_json_object(*text);
    if (!body.ok()) return error_response(body.status());
    const std::lock_guard lock(service.mutex);
    Result<nlohmann::json> answer = service.server->enroll(*body);
    if (!answer.ok()) return error_response(answer.status());
    return json_response(201, *answer);
}

Result<std::vector<std::string>> string_list(const nlohmann::json& body, const char* key) {
    std::vector<std::string> out;
    auto it = body.find(key);
    if (it == body.end()) return out;
    if (!it->is_array())
        return make_error(ErrorCode::kInvalidArgument, std::string(key) + " must be an array");
    for (const auto& item : *it) {
        if (!item.is_string())
            return make_error(ErrorCode::kInvalidArgument, std::string(key) + " must hold strings");
        out.push_back(item.get<std::string>());
    }
    return out;
}

// The code as a QR image a tablet's camera reads (its text only: the officer still picks the server),
// base64 so that it travels in the JSON answer the console shows it from.
Result<std::string> enrollment_qr_png_base64(const std::string& code) {
    SPMIS_ASSIGN_OR_RETURN(credential::QrMatrix matrix, credential::qr_encode(code));
    SPMIS_ASSIGN_OR_RETURN(credential::Bytes png, credential::qr_to_png(matrix));
    std::string out(sodium_base64_ENCODED_LEN(png.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), png.data(), png.size(), sodium_base64_VARIANT_ORIGINAL);
    out.resize(out.size() - 1);  // the terminating NUL libsodium counts in the length
    return out;
}

Result<nlohmann::json> create_code(SyncService& service, const std::string& text, const std::string& actor) {
    SPMIS_ASSIGN_OR_RETURN(nlohmann::json body, parse_json_object(text));
    SPMIS_RETURN_IF_ERROR(
        reject_unknown_fields(body, {"service_point_ids", "service_point_codes", "expires_in_hours"}));
    SPMIS_ASSIGN_OR_RETURN(auto ids, string_list(body, "service_point_ids"));
    SPMIS_ASSIGN_OR_RETURN(auto codes, string_list(body, "service_point_codes"));
    int hours = tuning::kEnrollmentCodeDefaultHours;
    if (auto it = body.find("expires_in_hours"); it != body.end()) {
        if (!it->is_number_integer() || it->get<int>() < 1 || it->get<int>() > 24 * 30)
            return make_error(ErrorCode::kInvalidArgument,
                              "expires_in_hours must be an integer from 1 to 720");
        hours = it->get<int>();
    }
    const std::lock_guard lock(service.mutex);
    SPMIS_ASSIGN_OR_RETURN(auto sps, resolve_service_points(*service.store, ids, codes));
    if (sps.empty()) return make_error(ErrorCode::kInvalidArgument, "name at least one service point");
    SPMIS_ASSIGN_OR_RETURN(auto code,
                           service.server->create_enrollment_code(sps, std::chrono::hours(hours), actor));
    SPMIS_ASSIGN_OR_RETURN(std::string qr_png, enrollment_qr_png_base64(code.code));
    return nlohmann::json{
        {"code", code.code}, {"expires_at", format_time(code.expires_at)}, {"qr_png_base64", qr_png}};
}

Result<nlohmann::json> list_devices(SyncService& service) {
    const std::lock_guard lock(service.mutex);
    SPMIS_ASSIGN_OR_RETURN(auto devices, service.store->access().list_devices());
    SPMIS_ASSIGN_OR_RETURN(auto activity, service.store->access().device_activity());
    nlohmann::json out = nlohmann::json::array();
    for (const model::Device& d : devices) {
        nlohmann::json sps = nlohmann::json::array();
        for (const Uuid& sp : d.service_point_ids) sps.push_back(sp.to_string());
        const store::DeviceActivity heard = activity[d.id];
        out.push_back({{"id", d.id.to_string()},
                       {"last_sync_at", heard.last_sync_at ? nlohmann::json(format_time(*heard.last_sync_at))
                                                           : nlohmann::json(nullptr)},
                       {"operations_received", heard.operations_received},
                       {"operations_flagged", heard.operations_flagged},
                       {"operations_rejected", heard.operations_rejected},
                       {"name", d.name},
                       {"state", model::to_string(d.state)},
                       {"service_point_ids", sps},
                       {"registered_at", format_time(d.registered_at)},
                       {"revoked_at", d.revoked_at ? nlohmann::json(format_time(*d.revoked_at)) : nullptr}});
    }
    return nlohmann::json{{"devices", out}};
}

Status revoke(SyncService& service, const http::HttpRequest& request) {
    SPMIS_ASSIGN_OR_RETURN(Uuid id, Uuid::parse(request.path_params.at("id")));
    std::string reason = "revoked by " + request.user;
    if (!request.body.empty()) {
        SPMIS_ASSIGN_OR_RETURN(nlohmann::json body, parse_json_object(request.body));
        SPMIS_RETURN_IF_ERROR(reject_unknown_fields(body, {"reason"}));
        if (body.contains("reason")) {
            SPMIS_ASSIGN_OR_RETURN(reason, string_field(body, "reason"));
        }
    }
    const std::lock_guard lock(service.mutex);
    return service.server->revoke_device(id, request.user, reason);
}

http::HttpResponse answer(const Result<nlohmann::json>& result, int status = 200) {
    return result.ok() ? json_response(status, *result) : error_response(result.status());
}

}  // namespace

void register_sync_routes(http::Router& router, SyncService& service) {
    constexpr std::array<std::pair<const char*, const char*>, 3> kSyncEndpoints = {
        {{"hello", "/api/v1/sync/hello"}, {"push", "/api/v1/sync/push"}, {"pull", "/api/v1/sync/pull"}}};
    for (const auto& [name, pattern] : kSyncEndpoints) {
        add_route(
            router,
            {"POST", pattern, Permission::kPublic, "Device sync (signed by the device key; gzip accepted)",
             "PROTOCOL.md section 5", "PROTOCOL.md section 5"},
            [&service, endpoint = std::string(name)](const http::HttpRequest& r) {
                return sync_call(service, endpoint, r);
            });
    }
    add_route(router,
              {"POST", "/api/v1/devices/enroll", Permission::kPublic, "Enroll a device with a one-time code",
               "{\"code\", \"public_key\": hex32, \"name\"}",
               "201 {\"device_id\", \"service_point_ids\", \"server_public_key\", \"epoch\"}"},
              [&service](const http::HttpRequest& r) { return enroll(service, r); });
    add_route(
        router,
        {"POST", "/api/v1/devices/enrollment-codes", Permission::kDevicesManage,
         "Create a one-time enrollment code",
         "{\"service_point_ids\"?: [uuid], \"service_point_codes\"?: [code], \"expires_in_hours\"?: int}",
         "201 {\"code\", \"expires_at\", \"qr_png_base64\": the code as a QR image (PNG, base64)}"},
        [&service](const http::HttpRequest& r) { return answer(create_code(service, r.body, r.user), 201); });
    add_route(router,
              {"GET", "/api/v1/devices", Permission::kDevicesManage, "List field devices", "",
               "{\"devices\": [{\"id\", \"name\", \"state\", \"service_point_ids\", \"registered_at\", "
               "\"revoked_at\", \"last_sync_at\", \"operations_received\", \"operations_flagged\" (answered "
               "other than accepted), \"operations_rejected\"}]}"},
              [&service](const http::HttpRequest&) { return answer(list_devices(service)); });
    add_route(
        router,
        {"POST", "/api/v1/devices/{id}/revoke", Permission::kDevicesManage,
         "Revoke a device: its later pushes and pulls are refused", "{\"reason\"?}", "{\"id\", \"state\"}"},
        [&service](const http::HttpRequest& r) {
            if (Status s = revoke(service, r); !s.ok()) return error_response(s);
            return json_response(200, {{"id", r.path_params.at("id")}, {"state", "revoked"}});
        });
}

void register_sync_api(http::Router& router, SyncService& service) {
    register_sync_routes(router, service);
    register_reconciliation_routes(router, service);
    register_refused_operation_routes(router, service);
    register_credential_routes(router, service);
}

}  // namespace spmis::api

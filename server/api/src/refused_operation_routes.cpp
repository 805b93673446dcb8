// What the server refused or flagged from the field, for staff: every operation answered `rejected`
// (outside the device's scope, malformed, ...: stored with its reason, changed nothing) or
// `accepted_flagged`, newest first, a page at a time, for one device or all of them.

#include <charconv>
#include <map>
#include <optional>
#include <string>

#include "spmis/api/api.hpp"
#include "spmis/api/json_io.hpp"
#include "spmis/api/sync_api.hpp"
#include "spmis/base/time.hpp"
#include "spmis/sync/operation.hpp"

namespace spmis::api {
namespace {

using auth::Permission;

// The page size when ?limit is absent, and the most one page may hold (as the reconciliation queue).
constexpr std::size_t kDefaultOperationPage = 50;
constexpr std::size_t kMaxOperationPage = 500;

std::string query_value(const http::HttpRequest& request, const char* key) {
    auto it = request.query_params.find(key);
    return it == request.query_params.end() ? std::string() : it->second;
}

// A positive decimal integer with nothing around it, or nullopt.
std::optional<std::int64_t> positive_integer(const std::string& text) {
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value < 1)
        return std::nullopt;
    return value;
}

Result<std::size_t> operation_page_limit(const http::HttpRequest& request) {
    const std::string text = query_value(request, "limit");
    if (text.empty()) return kDefaultOperationPage;
    const std::optional<std::int64_t> limit = positive_integer(text);
    if (!limit || *limit > static_cast<std::int64_t>(kMaxOperationPage))
        return make_error(ErrorCode::kInvalidArgument, "limit must be an integer from 1 to 500");
    return static_cast<std::size_t>(*limit);
}

Result<std::optional<std::int64_t>> operation_cursor(const http::HttpRequest& request) {
    const std::string text = query_value(request, "cursor");
    if (text.empty()) return std::optional<std::int64_t>();
    const std::optional<std::int64_t> cursor = positive_integer(text);
    if (!cursor)
        return make_error(ErrorCode::kInvalidArgument,
                          "cursor must be the next_cursor of the previous page (a positive integer)");
    return cursor;
}

Result<std::optional<std::string>> disposition_filter(const http::HttpRequest& request) {
    const std::string text = query_value(request, "disposition");
    if (text.empty()) return std::optional<std::string>();
    if (text != "rejected" && text != "accepted_flagged")
        return make_error(ErrorCode::kInvalidArgument, "disposition must be rejected or accepted_flagged");
    return std::optional<std::string>(text);
}

// ?device= names an enrolled device; an id no device has is a mistake of the caller, not an empty list.
Result<std::optional<Uuid>> device_filter(SyncService& service, const http::HttpRequest& request) {
    const std::string text = query_value(request, "device");
    if (text.empty()) return std::optional<Uuid>();
    Result<Uuid> id = Uuid::parse(text);
    if (!id.ok()) return make_error(ErrorCode::kInvalidArgument, "device must be a device id (UUID)");
    Result<model::Device> device = service.store->access().get_device(*id);
    if (device.ok()) return std::optional<Uuid>(*id);
    if (device.status().code() != ErrorCode::kNotFound) return device.status();
    return make_error(ErrorCode::kInvalidArgument, "device " + text + " is not an enrolled device");
}

Result<store::RefusedOperationFilter> operation_filter(SyncService& service,
                                                       const http::HttpRequest& request) {
    store::RefusedOperationFilter filter;
    SPMIS_ASSIGN_OR_RETURN(filter.disposition, disposition_filter(request));
    SPMIS_ASSIGN_OR_RETURN(filter.before, operation_cursor(request));
    SPMIS_ASSIGN_OR_RETURN(filter.limit, operation_page_limit(request));
    SPMIS_ASSIGN_OR_RETURN(filter.device_id, device_filter(service, request));
    return filter;
}

// The device's name, read once per page for each device it shows; null for an unknown device.
class DeviceNames {
public:
    explicit DeviceNames(store::Store& store) : store_(store) {}
    nlohmann::json name_of(const Uuid& id) {
        auto it = names_.find(id);
        if (it != names_.end()) return it->second;
        Result<model::Device> device = store_.access().get_device(id);
        return names_[id] = device.ok() ? nlohmann::json(device->name) : nlohmann::json(nullptr);
    }

private:
    store::Store& store_;
    std::map<Uuid, nlohmann::json> names_;
};

// The operation as the device sent it, decoded by the protocol's own parser; nullopt when the stored
// text does not parse (never expected: the server stores only operations that parsed).
std::optional<sync::Operation> decoded(const store::StoredOperation& op) {
    const nlohmann::json wire = nlohmann::json::parse(op.op_json, nullptr, false);
    if (wire.is_discarded()) return std::nullopt;
    Result<sync::Operation> parsed = sync::operation_from_json(wire);
    if (!parsed.ok()) return std::nullopt;
    return *parsed;
}

nlohmann::json operation_to_json(const store::StoredOperation& op, DeviceNames& names) {
    const std::optional<sync::Operation> sent = decoded(op);
    return {
        {"server_seq", op.server_seq},
        {"device_id", op.device_id.to_string()},
        {"device_name", names.name_of(op.device_id)},
        {"device_seq", op.device_seq},
        {"op_type", op.op_type},
        {"record_kind", sent ? nlohmann::json(sent->record_kind) : nlohmann::json(nullptr)},
        {"record_id", op.record_id.to_string()},
        {"officer", sent ? nlohmann::json(sent->officer_id) : nlohmann::json(nullptr)},
        {"device_time", sent ? nlohmann::json(format_time(sent->time_claim.wall)) : nlohmann::json(nullptr)},
        {"received_at", format_time(op.received_at)},
        {"disposition", op.disposition},
        {"reason", op.reason}};
}

Result<nlohmann::json> list_refused(SyncService& service, const http::HttpRequest& request) {
    const std::lock_guard lock(service.mutex);
    SPMIS_ASSIGN_OR_RETURN(store::RefusedOperationFilter filter, operation_filter(service, request));
    const std::size_t limit = filter.limit;
    filter.limit = limit + 1;  // one more than the page tells whether another page follows
    SPMIS_ASSIGN_OR_RETURN(auto operations, service.store->operation_log().list_refused_operations(filter));
    SPMIS_ASSIGN_OR_RETURN(auto counted, service.store->operation_log().count_refused_operations(filter));
    nlohmann::json next_cursor = nullptr;
    if (operations.size() > limit) {
        operations.resize(limit);
        next_cursor = std::to_string(operations.back().server_seq);
    }
    DeviceNames names(*service.store);
    nlohmann::json out = nlohmann::json::array();
    for (const store::StoredOperation& op : operations) out.push_back(operation_to_json(op, names));
    const nlohmann::json counts = {{"rejected", counted["rejected"]},
                                   {"accepted_flagged", counted["accepted_flagged"]}};
    return nlohmann::json{{"operations", out}, {"next_cursor", next_cursor}, {"counts", counts}};
}

}  // namespace

void register_refused_operation_routes(http::Router& router, SyncService& service) {
    add_route(router,
              {"GET", "/api/v1/sync/operations", Permission::kDevicesManage,
               "Operations the server refused (rejected: outside the device's scope or invalid, stored "
               "with the reason, changing nothing) or accepted with a flag, newest first (query: device, "
               "disposition rejected|accepted_flagged, cursor, limit 1-500, default 50); 400 for an "
               "unknown device, a bad disposition, cursor or limit",
               "",
               "{\"operations\": [{\"server_seq\", \"device_id\", \"device_name\", \"device_seq\", "
               "\"op_type\", \"record_kind\", \"record_id\", \"officer\", \"device_time\", "
               "\"received_at\", \"disposition\", \"reason\"}], \"next_cursor\": text or null, "
               "\"counts\": {\"rejected\", \"accepted_flagged\": operations of the device filter}}"},
              [&service](const http::HttpRequest& r) {
                  Result<nlohmann::json> result = list_refused(service, r);
                  return result.ok() ? json_response(200, *result) : error_response(result.status());
              });
}

}  // namespace spmis::api

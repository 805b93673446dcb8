#include "spmis/sync/sync_server.hpp"

#include <sodium.h>

#include "spmis/base/hex.hpp"

#include <type_traits>
#include <variant>

#include "spmis/sync/protocol.hpp"
#include "spmis/sync/request_signature.hpp"
#include "spmis/sync/trust_list.hpp"

namespace spmis::sync {
namespace {

using nlohmann::json;

// Codes are typed by people: upper case, no 0/O/1/I, dashes ignored.
std::string normalise_code(const std::string& code) {
    std::string out;
    for (char c : code) {
        if (c == '-' || c == ' ') continue;
        out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    }
    return out;
}

std::string random_code() {
    static constexpr char kAlphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    std::string code;
    for (int i = 0; i < 12; ++i) {
        if (i > 0 && i % 4 == 0) code.push_back('-');
        code.push_back(kAlphabet[randombytes_uniform(sizeof kAlphabet - 1)]);
    }
    return code;
}

// The record a device pulls for a change-feed entry: the store's typed projection as it is, or, for
// the trust list, the device keys signed by the server's root key now.
Result<PulledData> pulled_data(store::ChangedData data, const KeyPair& root, UtcTime now) {
    return std::visit(
        [&](auto&& typed) -> Result<PulledData> {
            using T = std::decay_t<decltype(typed)>;
            if constexpr (std::is_same_v<T, std::vector<TrustListEntry>>) {
                SPMIS_ASSIGN_OR_RETURN(PulledTrustList list, signed_trust_list_record(typed, root, now));
                return PulledData(std::move(list));
            } else {
                return PulledData(std::move(typed));
            }
        },
        std::move(data));
}

}  // namespace

SyncServer::SyncServer(store::Store& store, Clock& clock, ServerIdentity identity)
    : store_(store), clock_(clock), identity_(identity) {}

Result<std::string> SyncServer::epoch() {
    SPMIS_ASSIGN_OR_RETURN(auto current, store_.server_meta().get_meta("epoch"));
    if (current) return *current;
    SPMIS_RETURN_IF_ERROR(new_epoch());
    SPMIS_ASSIGN_OR_RETURN(auto created, store_.server_meta().get_meta("epoch"));
    return created.value_or("");
}

Status SyncServer::new_epoch() {
    std::array<std::uint8_t, 8> bytes{};
    SecureRandom::instance().fill(bytes.data(), bytes.size());
    return store_.server_meta().set_meta("epoch", to_hex(bytes));
}

Result<EnrollmentCode> SyncServer::create_enrollment_code(const std::vector<Uuid>& service_points,
                                                          std::chrono::hours valid_for,
                                                          const std::string& actor) {
    if (service_points.empty())
        return make_error(ErrorCode::kInvalidArgument, "name at least one service point");
    for (const auto& sp : service_points)
        SPMIS_RETURN_IF_ERROR(store_.service_points().get_service_point(sp).status());
    EnrollmentCode code{random_code(), clock_.now() + valid_for};
    SPMIS_RETURN_IF_ERROR(store_.transaction([&] {
        return store_.enrollment_codes().insert_enrollment_code(sha256_hex(normalise_code(code.code)),
                                                                service_points, code.expires_at, actor);
    }));
    return code;
}

Result<json> SyncServer::enroll(const json& request) {
    if (!request.is_object() || !request.contains("code") || !request["code"].is_string() ||
        !request.contains("public_key") || !request["public_key"].is_string()) {
        return make_error(ErrorCode::kInvalidArgument, "enroll needs 'code' and 'public_key' strings");
    }
    SPMIS_ASSIGN_OR_RETURN(PublicKey key, public_key_from_hex(request["public_key"].get<std::string>()));
    model::Device device;
    device.id = new_uuid_v7();
    device.name = request.value("name", std::string("field device"));
    device.public_key = to_hex(key);
    device.registered_at = clock_.now();
    SPMIS_ASSIGN_OR_RETURN(std::string current_epoch, epoch());
    SPMIS_RETURN_IF_ERROR(store_.transaction([&]() -> Status {
        std::string hash = sha256_hex(normalise_code(request["code"].get<std::string>()));
        SPMIS_ASSIGN_OR_RETURN(device.service_point_ids,
                               store_.enrollment_codes().consume_enrollment_code(hash, clock_.now()));
        return store_.access().insert_device(device);
    }));
    json sps = json::array();
    for (const auto& sp : device.service_point_ids) sps.push_back(sp.to_string());
    return json{{"device_id", device.id.to_string()},
                {"service_point_ids", sps},
                {"server_public_key", to_hex(identity_.keys.public_key)},
                {"server_id", identity_.server_id.to_string()},
                {"epoch", current_epoch}};
}

Status SyncServer::revoke_device(const Uuid& device_id, const std::string& actor, const std::string& reason) {
    return store_.transaction([&] {
        return store_.access().transition_device(device_id, model::DeviceState::kRevoked, actor, reason);
    });
}

Result<SyncServer::DeviceAuth> SyncServer::authenticate(const Uuid& device_id) {
    auto device = store_.access().get_device(device_id);
    if (!device.ok()) {
        if (device.status().code() != ErrorCode::kNotFound) return device.status();
        return make_error(ErrorCode::kUnauthenticated,
                          "device " + device_id.to_string() + " is not enrolled");
    }
    if (device->state == model::DeviceState::kRevoked) {
        std::string when = device->revoked_at ? " at " + format_time(*device->revoked_at) : "";
        return make_error(ErrorCode::kUnauthenticated,
                          "device " + device_id.to_string() + " was revoked" + when);
    }
    SPMIS_ASSIGN_OR_RETURN(PublicKey key, public_key_from_hex(device->public_key));
    return DeviceAuth{std::move(*device), key};
}

Result<std::string> SyncServer::handle(const std::string& endpoint, const std::string& body) {
    if (endpoint == "push") {
        SPMIS_ASSIGN_OR_RETURN(PreparedPush prepared, prepare_push(std::string_view(body)));
        SPMIS_ASSIGN_OR_RETURN(PushResponse r, apply_push(prepared));
        return to_json(r).dump();
    }
    SPMIS_ASSIGN_OR_RETURN(const json request, parse_message_text(body));
    if (endpoint == "hello") {
        SPMIS_ASSIGN_OR_RETURN(HelloResponse r, hello(request));
        return to_json(r).dump();
    }
    if (endpoint == "pull") {
        SPMIS_ASSIGN_OR_RETURN(PullResponse r, pull(request));
        return to_json(r).dump();
    }
    return make_error(ErrorCode::kNotFound, "unknown sync endpoint '" + endpoint + "'");
}

Result<HelloResponse> SyncServer::hello(const json& request) {
    SPMIS_ASSIGN_OR_RETURN(HelloRequest m, hello_request_from_json(request));
    SPMIS_ASSIGN_OR_RETURN(DeviceAuth auth, authenticate(m.device_id));
    if (!verify_request(auth.key, "hello", request)) {
        return make_error(ErrorCode::kUnauthenticated, "hello signature does not verify");
    }
    HelloResponse r;
    r.server_time = clock_.now();
    // Every sync starts with a hello: the devices list shows it as the device's last sync.
    SPMIS_RETURN_IF_ERROR(store_.access().record_device_contact(m.device_id, r.server_time));
    SPMIS_ASSIGN_OR_RETURN(r.epoch, epoch());
    SPMIS_ASSIGN_OR_RETURN(auto last, store_.operation_log().last_operation(m.device_id));
    r.acked_seq = last ? last->device_seq : 0;
    r.scopes = auth.device.service_point_ids;
    // A restored server lacks what it acknowledged after its backup: the device sends it again.
    if ((!m.epoch.empty() && m.epoch != r.epoch) || m.acked_seq > r.acked_seq) r.actions.push_back("repush");
    return r;
}

Result<PullResponse> SyncServer::pull(const json& request) {
    SPMIS_ASSIGN_OR_RETURN(PullRequest m, pull_request_from_json(request));
    SPMIS_ASSIGN_OR_RETURN(DeviceAuth auth, authenticate(m.device_id));
    if (!verify_request(auth.key, "pull", request)) {
        return make_error(ErrorCode::kUnauthenticated, "pull signature does not verify");
    }
    PullResponse page;
    // One read transaction: the page and the digest describe the same moment.
    SPMIS_RETURN_IF_ERROR(store_.transaction([&]() -> Status {
        const auto& scope = auth.device.service_point_ids;
        SPMIS_ASSIGN_OR_RETURN(
            auto changes, store_.change_feed().changes_after(scope, m.cursor, tuning::kPullMaxRecords + 1));
        std::int64_t bytes = 0;
        for (auto& c : changes) {
            // Records sharing a seq (a device and the trust list) never straddle a page.
            bool same_seq = !page.records.empty() && page.records.back().server_seq == c.server_seq;
            if (page.records.size() >= tuning::kPullMaxRecords && !same_seq) break;
            PulledRecord record{c.server_seq, c.kind, c.id, std::nullopt};
            SPMIS_ASSIGN_OR_RETURN(record.data, pulled_data(std::move(c.data), identity_.keys, clock_.now()));
            bytes += static_cast<std::int64_t>(encode_pulled(*record.data).dump().size());
            if (!page.records.empty() && bytes > m.byte_budget && !same_seq) break;
            page.records.push_back(std::move(record));
        }
        page.has_more = page.records.size() < changes.size() || changes.size() > tuning::kPullMaxRecords;
        page.next_cursor = page.records.empty() ? m.cursor : page.records.back().server_seq;
        // The digest covers the whole scope, so it is computed once, on the page that ends the pull.
        if (page.has_more) return {};
        SPMIS_ASSIGN_OR_RETURN(store::ScopeDigest digest, store_.change_feed().scope_digest(scope));
        page.scope_count = digest.count;
        page.scope_checksum = digest.checksum;
        return {};
    }));
    return page;
}

Result<std::vector<store::ReconciliationCase>> SyncServer::cases(const store::CaseFilter& filter) {
    return store_.cases().list_cases(filter);
}

}  // namespace spmis::sync

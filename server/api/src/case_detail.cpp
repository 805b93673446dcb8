// Builds the two sides of a case: what the devices recorded (their operations as the server stored
// them) and what the server holds now (the entitlement with its balance, the membership, the person).

#include "case_detail.hpp"

#include <cstdint>
#include <cstdio>

#include "approval_codec.hpp"
#include "program_codec.hpp"
#include "registrant_codec.hpp"
#include "spmis/api/sync_api.hpp"
#include "spmis/base/time.hpp"

namespace spmis::api {
namespace {

// FNV-1a: a version only has to change when its input does; it is not a secret.
std::uint64_t fnv1a(const std::string& text) {
    std::uint64_t hash = 1469598103934665603ULL;
    for (const unsigned char c : text) {
        hash ^= c;
        hash *= 1099511628211ULL;
    }
    return hash;
}

std::size_t link_count_of(const std::string& version) {
    const std::size_t dash = version.find('-');
    if (dash == std::string::npos || dash == 0) return 0;
    std::size_t count = 0;
    for (std::size_t i = 0; i < dash; ++i) {
        if (version[i] < '0' || version[i] > '9') return 0;
        count = count * 10 + static_cast<std::size_t>(version[i] - '0');
    }
    return count;
}

nlohmann::json operation_json(store::Store& store, const store::StoredOperation& op) {
    const nlohmann::json wire = nlohmann::json::parse(op.op_json, nullptr, false);
    auto member = [&wire](const char* name) {
        return wire.is_object() && wire.contains(name) ? wire[name] : nlohmann::json(nullptr);
    };
    const nlohmann::json time_claim = member("time_claim");
    auto device = store.access().get_device(op.device_id);
    return {
        {"device_id", op.device_id.to_string()},
        {"device_name", device.ok() ? nlohmann::json(device->name) : nlohmann::json(nullptr)},
        {"device_seq", op.device_seq},
        {"officer", member("officer_id")},
        {"kind", op.op_type},
        {"record_id", op.record_id.to_string()},
        {"device_time", time_claim.is_object() && time_claim.contains("wall") ? time_claim["wall"] : nullptr},
        {"received_at", format_time(op.received_at)},
        {"disposition", op.disposition},
        {"reason", op.reason},
        {"payload", member("payload")},
        {"believed", member("base")}};
}

Result<nlohmann::json> linked_operations(store::Store& store, const store::ReconciliationCase& c) {
    nlohmann::json out = nlohmann::json::array();
    for (const store::CaseLink& link : c.links) {
        if (!link.device_id || !link.device_seq) continue;  // a record written centrally, no operation
        SPMIS_ASSIGN_OR_RETURN(auto op, store.operation_log().get_operation(
                                            *link.device_id, static_cast<std::uint64_t>(*link.device_seq)));
        if (op) out.push_back(operation_json(store, *op));
    }
    return out;
}

// The entitlement a case is about, with its balance, membership and holder; null for other records.
Result<nlohmann::json> current_record(store::Store& store, const store::ReconciliationCase& c) {
    if (!c.record_id) return nlohmann::json(nullptr);
    auto entitlement = store.delivery().get_entitlement(*c.record_id);
    if (!entitlement.ok()) {
        if (entitlement.status().code() == ErrorCode::kNotFound) return nlohmann::json(nullptr);
        return entitlement.status();
    }
    SPMIS_ASSIGN_OR_RETURN(auto target, store.service_points().redemption_target(entitlement->id));
    if (!target) return nlohmann::json(nullptr);
    const std::int64_t granted_milli = target->entitled_milli();
    const std::int64_t redeemed = target->redeemed_milli;
    nlohmann::json record = {{"kind", "entitlement"},
                             {"entitlement", entitlement_to_json(*entitlement)},
                             {"granted_milli", granted_milli},
                             {"redeemed_milli", redeemed},
                             {"remaining_milli", granted_milli - redeemed},
                             {"membership", nullptr},
                             {"registrant", nullptr}};
    SPMIS_ASSIGN_OR_RETURN(auto membership, store.programs().find_membership(entitlement->program_id,
                                                                             entitlement->registrant_id));
    if (membership) record["membership"] = membership_to_json(*membership);
    auto registrant = store.registry().get_registrant(entitlement->registrant_id);
    if (registrant.ok()) record["registrant"] = registrant_to_json(*registrant);
    return record;
}

}  // namespace

std::string case_version(const store::ReconciliationCase& c) {
    std::string text = c.status + "|" + format_time(c.updated_at) + "|" + c.decision + "|" + c.decided_by;
    for (const store::CaseLink& link : c.links) {
        text += "|" + link.record_id.to_string();
        if (link.device_id) text += ":" + link.device_id->to_string();
        if (link.device_seq) text += ":" + std::to_string(*link.device_seq);
    }
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(fnv1a(text)));
    return std::to_string(c.links.size()) + "-" + hex;
}

std::string if_match_version(const std::string& header) {
    std::string value = header;
    if (value.starts_with("W/")) value.erase(0, 2);
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
        value = value.substr(1, value.size() - 2);
    return value;
}

std::string what_changed(const std::string& seen, const store::ReconciliationCase& now) {
    if (now.status != "open") {
        return "the case was resolved by " + now.decided_by + " at " +
               (now.resolved_at ? format_time(*now.resolved_at) : std::string("an unknown time")) +
               " since you opened it";
    }
    const std::size_t seen_links = link_count_of(seen);
    if (now.links.size() > seen_links) {
        return std::to_string(now.links.size() - seen_links) +
               " operation(s) were linked to the case since you opened it (now " +
               std::to_string(now.links.size()) + ")";
    }
    return "the case changed since you opened it (last change " + format_time(now.updated_at) + ")";
}

Result<nlohmann::json> case_detail(store::Store& store, const store::ReconciliationCase& c) {
    SPMIS_ASSIGN_OR_RETURN(nlohmann::json operations, linked_operations(store, c));
    SPMIS_ASSIGN_OR_RETURN(nlohmann::json record, current_record(store, c));
    return nlohmann::json{{"case", case_to_json(c)},
                          {"version", case_version(c)},
                          {"operations", operations},
                          {"record", record}};
}

}  // namespace spmis::api

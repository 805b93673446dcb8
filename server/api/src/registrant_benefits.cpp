// Builds what a registrant receives (registrant_benefits.hpp) from the typed rows of the store.

#include "registrant_benefits.hpp"

#include <cmath>
#include <map>
#include <vector>

#include "approval_codec.hpp"
#include "program_codec.hpp"
#include "spmis/base/time.hpp"

namespace spmis::api {
namespace {

using nlohmann::json;

json id_or_null(const std::optional<Uuid>& id) { return id ? json(id->to_string()) : json(nullptr); }

// Ordered by id bytes (Uuid's own <=> is avoided: clang-tidy misreads its `< 0`, as in payments).
struct ByBytes {
    bool operator()(const Uuid& a, const Uuid& b) const { return a.bytes() < b.bytes(); }
};

// A registrant whose records the answer includes, and how it relates to the one asked about.
struct Holder {
    model::Registrant registrant;
    const char* relation;
};

// Programs and cycles named in the answer, each read once.
class Names {
public:
    explicit Names(store::Store& store) : store_(store) {}

    Result<const model::Program*> program(const Uuid& id) {
        auto it = programs_.find(id);
        if (it == programs_.end()) {
            SPMIS_ASSIGN_OR_RETURN(model::Program p, store_.programs().get_program(id));
            it = programs_.emplace(id, std::move(p)).first;
        }
        return &it->second;
    }

    Result<const model::Cycle*> cycle(const Uuid& id) {
        auto it = cycles_.find(id);
        if (it == cycles_.end()) {
            SPMIS_ASSIGN_OR_RETURN(model::Cycle c, store_.programs().get_cycle(id));
            it = cycles_.emplace(id, std::move(c)).first;
        }
        return &it->second;
    }

private:
    store::Store& store_;
    std::map<Uuid, model::Program, ByBytes> programs_;
    std::map<Uuid, model::Cycle, ByBytes> cycles_;
};

// The registrant first, then a household's members or an individual's households.
Result<std::vector<Holder>> holders_of(store::Store& store, const model::Registrant& r) {
    std::vector<Holder> out{{r, "self"}};
    const bool group = r.kind == model::RegistrantKind::kGroup;
    SPMIS_ASSIGN_OR_RETURN(auto links, group ? store.registry().list_group_members(r.id)
                                             : store.registry().list_groups_of(r.id));
    for (const model::GroupMembership& link : links) {
        SPMIS_ASSIGN_OR_RETURN(model::Registrant other,
                               store.registry().get_registrant(group ? link.individual_id : link.group_id));
        out.push_back({std::move(other), group ? "member" : "household"});
    }
    return out;
}

Status add_memberships(store::Store& store, Names& names, const Uuid& holder, json& out) {
    SPMIS_ASSIGN_OR_RETURN(auto rows, store.programs().list_memberships_of(holder));
    for (const model::ProgramMembership& m : rows) {
        SPMIS_ASSIGN_OR_RETURN(const model::Program* program, names.program(m.program_id));
        json item = membership_to_json(m);
        item["program_code"] = program->code;
        item["program_name"] = program->name;
        out.push_back(std::move(item));
    }
    return {};
}

// Granted, redeemed and remaining in thousandths of the entitlement's measure, as the reconciliation
// case counts them. Cash is paid through payment batches, never redeemed: redeemed and remaining null.
Status add_balance(store::Store& store, const model::Entitlement& e, json& item) {
    SPMIS_ASSIGN_OR_RETURN(auto target, store.service_points().redemption_target(e.id));
    if (!target)
        return make_error(ErrorCode::kNotFound, "entitlement " + e.id.to_string() + " does not exist");
    item["granted_milli"] = target->entitled_milli();
    item["redeemed_milli"] = nullptr;
    item["remaining_milli"] = nullptr;
    if (e.kind != model::EntitlementKind::kCash) {
        item["redeemed_milli"] = target->redeemed_milli;
        item["remaining_milli"] = target->entitled_milli() - target->redeemed_milli;
    }
    return {};
}

json redemption_to_json(const store::RedemptionListing& listing) {
    const model::Redemption& r = listing.redemption;
    return {{"id", r.id.to_string()},
            {"entitlement_id", r.entitlement_id.to_string()},
            {"service_point_id", r.service_point_id.to_string()},
            {"event_id", id_or_null(r.event_id)},
            {"device_id", id_or_null(r.device_id)},
            {"quantity_milli", std::llround(r.quantity * 1000)},
            {"recipient", std::string(model::to_string(r.recipient))},
            {"proxy_name", r.proxy_name},
            {"credential_id", r.credential_id},
            {"recorded_by", r.recorded_by},
            {"at", format_time(r.at)},
            {"voided", !listing.voided_by.empty()},
            {"voided_by", listing.voided_by.empty() ? json(nullptr) : json(listing.voided_by)}};
}

Status add_entitlements(store::Store& store, Names& names, const Uuid& holder, json& entitlements,
                        json& redemptions) {
    SPMIS_ASSIGN_OR_RETURN(auto rows, store.delivery().list_entitlements_of(holder));
    for (const model::Entitlement& e : rows) {
        SPMIS_ASSIGN_OR_RETURN(const model::Program* program, names.program(e.program_id));
        SPMIS_ASSIGN_OR_RETURN(const model::Cycle* cycle, names.cycle(e.cycle_id));
        json item = entitlement_to_json(e);
        item["program_code"] = program->code;
        item["cycle_name"] = cycle->name;
        SPMIS_RETURN_IF_ERROR(add_balance(store, e, item));
        entitlements.push_back(std::move(item));
        SPMIS_ASSIGN_OR_RETURN(auto handed, store.service_points().list_redemption_listings(e.id));
        for (const store::RedemptionListing& r : handed) redemptions.push_back(redemption_to_json(r));
    }
    return {};
}

Status add_attendance(store::Store& store, const Uuid& holder, json& out) {
    SPMIS_ASSIGN_OR_RETURN(auto rows, store.service_points().list_attendance_of(holder));
    for (const model::Attendance& a : rows) {
        SPMIS_ASSIGN_OR_RETURN(model::DistributionEvent event, store.service_points().get_event(a.event_id));
        out.push_back({{"id", a.id.to_string()},
                       {"registrant_id", a.registrant_id.to_string()},
                       {"event_id", a.event_id.to_string()},
                       {"service_point_id", event.service_point_id.to_string()},
                       {"program_id", event.program_id.to_string()},
                       {"event_starts_at", format_time(event.starts_at)},
                       {"device_id", id_or_null(a.device_id)},
                       {"recorded_by", a.recorded_by},
                       {"at", format_time(a.at)}});
    }
    return {};
}

}  // namespace

Result<nlohmann::json> registrant_benefits(store::Store& store, const Uuid& registrant_id) {
    SPMIS_ASSIGN_OR_RETURN(model::Registrant registrant, store.registry().get_registrant(registrant_id));
    SPMIS_ASSIGN_OR_RETURN(std::vector<Holder> holders, holders_of(store, registrant));
    Names names(store);
    json out = {{"registrant_id", registrant_id.to_string()},
                {"holders", json::array()},
                {"memberships", json::array()},
                {"entitlements", json::array()},
                {"redemptions", json::array()},
                {"attendance", json::array()}};
    for (const Holder& h : holders) {
        const model::Registrant& r = h.registrant;
        out["holders"].push_back({{"id", r.id.to_string()},
                                  {"name", r.name},
                                  {"kind", std::string(model::to_string(r.kind))},
                                  {"relation", h.relation}});
        SPMIS_RETURN_IF_ERROR(add_memberships(store, names, r.id, out["memberships"]));
        SPMIS_RETURN_IF_ERROR(add_entitlements(store, names, r.id, out["entitlements"], out["redemptions"]));
        SPMIS_RETURN_IF_ERROR(add_attendance(store, r.id, out["attendance"]));
    }
    return out;
}

}  // namespace spmis::api

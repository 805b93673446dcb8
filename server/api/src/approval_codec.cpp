#include "approval_codec.hpp"

#include "field_codec.hpp"

namespace spmis::api {
namespace {

using nlohmann::json;

std::string name(auto value) { return std::string(model::to_string(value)); }

json optional_time(const std::optional<UtcTime>& t) { return t ? json(format_time(*t)) : json(nullptr); }

Result<model::ApprovalLevel> level_from_json(const json& j, const std::string& where) {
    if (!j.is_object()) return field_codec::bad(where, "must be an object {role?, users?, required}");
    for (const auto& item : j.items()) {
        const std::string& k = item.key();
        if (k != "role" && k != "users" && k != "required") {
            std::string field = where;
            field += "." + k;
            return field_codec::bad(field, "is unknown");
        }
    }
    model::ApprovalLevel level;
    if (j.contains("role")) {
        model::Role role{};
        SPMIS_RETURN_IF_ERROR(field_codec::enumeration(j, "role", &role));
        level.role = role;
    }
    if (j.contains("users")) {
        if (!j["users"].is_array())
            return field_codec::bad(where + ".users", "must be an array of user names");
        for (const auto& u : j["users"]) {
            if (!u.is_string()) return field_codec::bad(where + ".users", "must be an array of user names");
            level.users.push_back(u.get<std::string>());
        }
    }
    if (j.contains("required")) {
        if (!j["required"].is_number_integer())
            return field_codec::bad(where + ".required", "must be an integer");
        level.required = j["required"].get<int>();
    }
    return level;
}

}  // namespace

json cycle_to_json(const model::Cycle& c) {
    return {{"id", c.id.to_string()},
            {"program_id", c.program_id.to_string()},
            {"sequence", c.sequence},
            {"name", c.name},
            {"start", format_date(c.start_date)},
            {"end", format_date(c.end_date)},
            {"budget", c.budget.minor_units},
            {"currency", c.budget.currency},
            {"state", name(c.state)},
            {"created_at", format_time(c.created_at)}};
}

json entitlement_to_json(const model::Entitlement& e) {
    json out = {{"id", e.id.to_string()},
                {"cycle_id", e.cycle_id.to_string()},
                {"program_id", e.program_id.to_string()},
                {"registrant_id", e.registrant_id.to_string()},
                {"kind", name(e.kind)},
                {"state", name(e.state)},
                {"valid_from", format_date(e.valid_from)},
                {"valid_until", format_date(e.valid_until)}};
    if (e.kind != model::EntitlementKind::kInKind) {
        out["amount"] = e.amount.minor_units;
        out["currency"] = e.amount.currency;
    } else {
        out["item"] = e.item;
        out["quantity"] = e.quantity;
        out["unit"] = e.unit;
    }
    if (e.kind == model::EntitlementKind::kVoucher) out["voucher_code"] = e.voucher_code;
    out["service_point_id"] = e.service_point_id ? json(e.service_point_id->to_string()) : json(nullptr);
    return out;
}

json levels_to_json(const std::vector<model::ApprovalLevel>& levels) {
    json out = json::array();
    for (const auto& l : levels) {
        json level = {{"users", l.users}, {"required", l.required}};
        if (l.role) level["role"] = name(*l.role);
        if (!l.permission.empty()) level["permission"] = l.permission;
        out.push_back(level);
    }
    return out;
}

Result<std::vector<model::ApprovalLevel>> levels_from_json(const json& body) {
    if (!body.contains("levels") || !body["levels"].is_array())
        return field_codec::bad("levels", "must be an array of {role?, users?, required}");
    std::vector<model::ApprovalLevel> out;
    for (std::size_t i = 0; i < body["levels"].size(); ++i) {
        SPMIS_ASSIGN_OR_RETURN(auto level,
                               level_from_json(body["levels"][i], "levels[" + std::to_string(i) + "]"));
        out.push_back(std::move(level));
    }
    return out;
}

json request_to_json(const model::ApprovalRequest& r, const std::vector<model::ApprovalDecision>* decisions) {
    json out = {{"id", r.id.to_string()},
                {"program_id", r.program_id.to_string()},
                {"action", name(r.action)},
                {"record_kind", r.record_kind},
                {"record_id", r.record_id.to_string()},
                {"requester", r.requester},
                {"state", name(r.state)},
                {"current_level", r.current_level + 1},
                {"levels", levels_to_json(r.levels)},
                {"created_at", format_time(r.created_at)},
                {"decided_at", optional_time(r.decided_at)}};
    if (decisions == nullptr) return out;
    out["history"] = json::array();
    for (const auto& d : *decisions) {
        out["history"].push_back({{"level", d.level + 1},
                                  {"actor", d.actor},
                                  {"on_behalf_of", d.on_behalf_of},
                                  {"verdict", name(d.verdict)},
                                  {"comment", d.comment},
                                  {"at", format_time(d.at)}});
    }
    return out;
}

json delegation_to_json(const model::Delegation& d, Date today) {
    const char* state = "active";
    if (d.ended_at) {
        state = "ended";
    } else if (d.until < today) {
        state = "expired";
    } else if (today < d.from) {
        state = "scheduled";
    }
    return {{"id", d.id.to_string()},
            {"delegator", d.delegator},
            {"delegate", d.delegate},
            {"from", format_date(d.from)},
            {"until", format_date(d.until)},
            {"reason", d.reason},
            {"created_at", format_time(d.created_at)},
            {"state", state},
            {"ended_at", d.ended_at ? json(format_time(*d.ended_at)) : json(nullptr)},
            {"ended_by", d.ended_by.empty() ? json(nullptr) : json(d.ended_by)}};
}

}  // namespace spmis::api

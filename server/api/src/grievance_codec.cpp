// Grievances in and out of JSON.

#include "grievance_codec.hpp"

#include "registrant_codec.hpp"
#include "spmis/api/json_io.hpp"

namespace spmis::api {
namespace {

using nlohmann::json;

json optional_id(const std::optional<Uuid>& id) { return id ? json(id->to_string()) : json(nullptr); }
json optional_time(const std::optional<UtcTime>& t) { return t ? json(format_time(*t)) : json(nullptr); }

// The links' JSON names, each with its member of GrievanceLinks.
const std::vector<std::pair<const char*, std::optional<Uuid> store::GrievanceLinks::*>>& link_fields() {
    using L = store::GrievanceLinks;
    static const std::vector<std::pair<const char*, std::optional<Uuid> L::*>> fields = {
        {"registrant_id", &L::registrant_id},
        {"household_id", &L::household_id},
        {"program_id", &L::program_id},
        {"entitlement_id", &L::entitlement_id},
        {"payment_id", &L::payment_id},
        {"redemption_id", &L::redemption_id},
        {"service_point_id", &L::service_point_id},
        {"case_id", &L::case_id}};
    return fields;
}

json clock_json(const grievances::ClockReading& c) {
    return {{"used_seconds", c.used_micros / 1'000'000},
            {"allowed_seconds", c.allowed_micros / 1'000'000},
            {"stopped", c.stopped},
            {"status", grievances::sla_status_name(c.status)}};
}

json sla_json(const store::Grievance& g, UtcTime now) {
    const grievances::SlaReading sla = grievances::read_sla(g, now);
    return {{"status", grievances::sla_status_name(sla.status)},
            {"response", clock_json(sla.response)},
            {"resolution", clock_json(sla.resolution)},
            {"response_due_at", format_time(g.response_due_at)},
            {"resolution_due_at", format_time(g.resolution_due_at)},
            {"held_seconds", grievances::held_micros_at(g, now) / 1'000'000},
            {"escalated_at", optional_time(g.escalated_at)},
            {"escalated_to", g.escalated_to.empty() ? json(nullptr) : json(g.escalated_to)}};
}

Result<std::string> optional_string(const json& body, const char* key, std::string fallback) {
    if (!body.contains(key) || body[key].is_null()) return fallback;
    return string_field(body, key);
}

Result<bool> optional_bool(const json& body, const char* key) {
    if (!body.contains(key) || body[key].is_null()) return false;
    if (!body[key].is_boolean())
        return make_error(ErrorCode::kInvalidArgument,
                          std::string("field '") + key + "' must be true or false");
    return body[key].get<bool>();
}

}  // namespace

json grievance_json(const store::Grievance& g, UtcTime now) {
    json links = json::object();
    for (const auto& [name, member] : link_fields()) links[name] = optional_id(g.links.*member);
    return {{"id", g.id.to_string()},
            {"number", grievances::ticket_number(g.number)},
            {"category", g.category},
            {"subcategory", g.subcategory},
            {"priority", g.priority},
            {"channel", g.channel},
            {"complainant_id", optional_id(g.complainant_id)},
            {"anonymous", !g.complainant_id.has_value()},
            {"sensitive", g.sensitive},
            {"description", g.description},
            {"state", g.state},
            {"assignee", g.assignee.empty() ? json(nullptr) : json(g.assignee)},
            {"decision", g.decision.empty() ? json(nullptr) : json(g.decision)},
            {"appeal_of", optional_id(g.appeal_of)},
            {"links", links},
            {"opened_by", g.opened_by},
            {"opened_at", format_time(g.opened_at)},
            {"updated_at", format_time(g.updated_at)},
            {"responded_at", optional_time(g.responded_at)},
            {"resolved_at", optional_time(g.resolved_at)},
            {"sla", sla_json(g, now)}};
}

json grievance_event_json(const store::GrievanceEvent& e) {
    return {{"kind", e.kind},   {"from", e.from_state}, {"to", e.to_state},
            {"actor", e.actor}, {"text", e.text},       {"at", format_time(e.at)}};
}

json grievance_category_json(const store::GrievanceCategory& c) {
    return {{"code", c.code},
            {"name", c.name},
            {"response_hours", c.response_hours},
            {"resolution_hours", c.resolution_hours},
            {"escalate_to", c.escalate_to},
            {"subcategories", c.subcategories}};
}

Result<grievances::OpenRequest> open_request_from_json(const json& body) {
    SPMIS_RETURN_IF_ERROR(reject_unknown_fields(
        body, {"category", "subcategory", "priority", "channel", "complainant_id", "sensitive", "description",
               "registrant_id", "household_id", "program_id", "entitlement_id", "payment_id", "redemption_id",
               "service_point_id", "case_id"}));
    grievances::OpenRequest r;
    SPMIS_ASSIGN_OR_RETURN(r.category, string_field(body, "category"));
    SPMIS_ASSIGN_OR_RETURN(r.subcategory, string_field(body, "subcategory"));
    SPMIS_ASSIGN_OR_RETURN(r.priority, optional_string(body, "priority", "normal"));
    SPMIS_ASSIGN_OR_RETURN(r.channel, string_field(body, "channel"));
    SPMIS_ASSIGN_OR_RETURN(r.complainant_id, optional_uuid_field(body, "complainant_id"));
    SPMIS_ASSIGN_OR_RETURN(r.sensitive, optional_bool(body, "sensitive"));
    SPMIS_ASSIGN_OR_RETURN(r.description, string_field(body, "description"));
    for (const auto& [name, member] : link_fields()) {
        SPMIS_ASSIGN_OR_RETURN(r.links.*member, optional_uuid_field(body, name));
    }
    return r;
}

}  // namespace spmis::api

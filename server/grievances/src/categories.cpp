// Configuring a grievance category: checked, stored, audited.

#include <nlohmann/json.hpp>

#include "spmis/base/text.hpp"
#include "spmis/grievances/grievance_service.hpp"
#include "spmis/grievances/tuning.hpp"

namespace spmis::grievances {
namespace {

Status invalid(const std::string& message) { return make_error(ErrorCode::kInvalidArgument, message); }

// A code staff and reports use: lower-case letters, digits and underscores, starting with a letter.
bool is_code(const std::string& text) {
    if (text.empty() || text.size() > 64 || text[0] < 'a' || text[0] > 'z') return false;
    for (const char c : text)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
    return true;
}

Status check_category(const store::GrievanceCategory& c) {
    if (!is_code(c.code)) return invalid("category code must be lower_snake (a-z, 0-9, _), at most 64");
    SPMIS_RETURN_IF_ERROR(check_name(c.name, "name"));
    for (const std::int64_t hours : {c.response_hours, c.resolution_hours})
        if (hours < 1 || hours > tuning::kMaxServiceHours)
            return invalid("service levels must be from 1 to " + std::to_string(tuning::kMaxServiceHours) +
                           " hours");
    if (c.response_hours > c.resolution_hours)
        return invalid("response_hours must not exceed resolution_hours");
    if (c.subcategories.empty()) return invalid("a category needs at least one subcategory");
    for (const std::string& sub : c.subcategories)
        if (!is_code(sub)) return invalid("subcategory codes must be lower_snake (a-z, 0-9, _), at most 64");
    return {};
}

std::string category_text(const store::GrievanceCategory& c) {
    return nlohmann::json{{"code", c.code},
                          {"name", c.name},
                          {"response_hours", c.response_hours},
                          {"resolution_hours", c.resolution_hours},
                          {"escalate_to", c.escalate_to},
                          {"subcategories", c.subcategories}}
        .dump();
}

}  // namespace

Status configure_category(store::Store& store, const store::GrievanceCategory& category,
                          const std::string& actor) {
    SPMIS_RETURN_IF_ERROR(check_category(category));
    SPMIS_ASSIGN_OR_RETURN(auto before, store.grievances().find_grievance_category(category.code));
    SPMIS_RETURN_IF_ERROR(store.grievances().put_grievance_category(category));
    // Categories have no id of their own: the audit event is filed under a nil id, kind and code.
    return store.audit().append(model::AuditEvent{
        new_uuid_v7(), actor, "grievance_category", Uuid(), "configure", before ? category_text(*before) : "",
        category_text(category), category.code, store.clock().now()});
}

}  // namespace spmis::grievances

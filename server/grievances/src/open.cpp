// Opening a ticket and appealing one: checks, numbering, deadlines, first history entry.

#include <cstdio>

#include "history.hpp"
#include "spmis/base/text.hpp"
#include "spmis/grievances/grievance_service.hpp"
#include "spmis/grievances/states.hpp"

namespace spmis::grievances {
namespace {

Status invalid(const std::string& message) { return make_error(ErrorCode::kInvalidArgument, message); }

// An unknown linked record is the caller's mistake (400), never a missing ticket (404).
template <typename T>
Status must_exist(const Result<T>& lookup, const char* what, const Uuid& id) {
    if (lookup.status().code() == ErrorCode::kNotFound)
        return invalid(std::string(what) + " '" + id.to_string() + "' is unknown");
    return lookup.status();
}

Status check_registrant(store::Store& store, const std::optional<Uuid>& id, const char* what,
                        std::optional<model::RegistrantKind> kind) {
    if (!id) return {};
    auto found = store.registry().get_registrant(*id);
    SPMIS_RETURN_IF_ERROR(must_exist(found, what, *id));
    if (kind && found->kind != *kind)
        return invalid(std::string(what) + " '" + id->to_string() + "' is of another kind");
    return {};
}

// A redemption is checked against the entitlement it belongs to, which must be linked too.
Status check_redemption(store::Store& store, const store::GrievanceLinks& l) {
    if (!l.redemption_id) return {};
    if (!l.entitlement_id) return invalid("a redemption link needs its entitlement_id");
    SPMIS_ASSIGN_OR_RETURN(auto redemptions, store.service_points().list_redemptions(*l.entitlement_id));
    for (const model::Redemption& r : redemptions)
        if (r.id == *l.redemption_id) return {};
    return invalid("redemption '" + l.redemption_id->to_string() + "' is unknown for that entitlement");
}

Status check_links(store::Store& store, const store::GrievanceLinks& l) {
    using model::RegistrantKind;
    SPMIS_RETURN_IF_ERROR(
        check_registrant(store, l.registrant_id, "registrant", RegistrantKind::kIndividual));
    SPMIS_RETURN_IF_ERROR(check_registrant(store, l.household_id, "household", RegistrantKind::kGroup));
    if (l.program_id)
        SPMIS_RETURN_IF_ERROR(
            must_exist(store.programs().get_program(*l.program_id), "program", *l.program_id));
    if (l.entitlement_id)
        SPMIS_RETURN_IF_ERROR(must_exist(store.delivery().get_entitlement(*l.entitlement_id), "entitlement",
                                         *l.entitlement_id));
    if (l.payment_id)
        SPMIS_RETURN_IF_ERROR(
            must_exist(store.delivery().get_payment(*l.payment_id), "payment", *l.payment_id));
    if (l.service_point_id)
        SPMIS_RETURN_IF_ERROR(must_exist(store.service_points().get_service_point(*l.service_point_id),
                                         "service point", *l.service_point_id));
    if (l.case_id)
        SPMIS_RETURN_IF_ERROR(
            must_exist(store.cases().get_case(*l.case_id), "reconciliation case", *l.case_id));
    return check_redemption(store, l);
}

Result<store::GrievanceCategory> check_category(store::Store& store, const OpenRequest& r) {
    SPMIS_ASSIGN_OR_RETURN(auto category, store.grievances().find_grievance_category(r.category));
    if (!category) return invalid("category '" + r.category + "' is unknown");
    for (const std::string& sub : category->subcategories)
        if (sub == r.subcategory) return *category;
    return invalid("subcategory '" + r.subcategory + "' is not one of category '" + r.category + "'");
}

Status check_request(store::Store& store, const OpenRequest& r) {
    if (!is_one_of(priorities(), r.priority)) return invalid("priority must be low, normal, high or urgent");
    if (!is_one_of(channels(), r.channel))
        return invalid("channel must be field_desk, phone, walk_in, web or sms");
    SPMIS_RETURN_IF_ERROR(check_free_text(r.description, "description"));
    SPMIS_RETURN_IF_ERROR(check_registrant(store, r.complainant_id, "complainant", std::nullopt));
    return check_links(store, r.links);
}

// Numbers and stores a checked ticket; the first history entry says who opened it and how.
Result<store::Grievance> insert_ticket(store::Store& store, const OpenRequest& r,
                                       const store::GrievanceCategory& c,
                                       const std::optional<Uuid>& appeal_of, const std::string& actor) {
    SPMIS_RETURN_IF_ERROR(store.lock_exclusively("grievances.number"));
    store::Grievance g;
    g.id = new_uuid_v7();
    SPMIS_ASSIGN_OR_RETURN(g.number, store.grievances().next_grievance_number());
    g.category = r.category, g.subcategory = r.subcategory, g.priority = r.priority, g.channel = r.channel;
    g.complainant_id = r.complainant_id, g.sensitive = r.sensitive, g.description = r.description;
    g.links = r.links, g.appeal_of = appeal_of, g.state = "new", g.opened_by = actor;
    g.opened_at = g.updated_at = store.clock().now();
    const Deadlines due = deadlines_for(c, g.opened_at);
    g.response_due_at = due.response_due, g.resolution_due_at = due.resolution_due;
    SPMIS_RETURN_IF_ERROR(store.grievances().insert_grievance(g));
    SPMIS_RETURN_IF_ERROR(record_change(store, g, appeal_of ? "appeal" : "open", "", "new", actor,
                                        "opened " + ticket_number(g.number) + " by " + r.channel));
    return g;
}

}  // namespace

std::string ticket_number(std::int64_t number) {
    char text[32];
    std::snprintf(text, sizeof text, "GRV-%06lld", static_cast<long long>(number));
    return text;
}

Result<store::Grievance> open_grievance(store::Store& store, const OpenRequest& request,
                                        const std::string& actor) {
    SPMIS_ASSIGN_OR_RETURN(store::GrievanceCategory category, check_category(store, request));
    SPMIS_RETURN_IF_ERROR(check_request(store, request));
    return insert_ticket(store, request, category, std::nullopt, actor);
}

Result<store::Grievance> appeal_grievance(store::Store& store, const Uuid& id, const std::string& actor,
                                          const std::string& reason) {
    SPMIS_RETURN_IF_ERROR(check_free_text(reason, "reason"));
    SPMIS_ASSIGN_OR_RETURN(store::Grievance original, find_ticket(store, id));
    if (original.state != "resolved" && original.state != "closed")
        return make_error(ErrorCode::kIllegalTransition,
                          "only a resolved or closed ticket can be appealed; " +
                              ticket_number(original.number) + " is " + original.state);
    OpenRequest r{original.category,
                  original.subcategory,
                  original.priority,
                  original.channel,
                  original.complainant_id,
                  original.sensitive,
                  reason,
                  original.links};
    SPMIS_ASSIGN_OR_RETURN(auto category, store.grievances().find_grievance_category(original.category));
    if (!category) return invalid("category '" + original.category + "' is unknown");
    SPMIS_ASSIGN_OR_RETURN(store::Grievance appeal, insert_ticket(store, r, *category, original.id, actor));
    SPMIS_RETURN_IF_ERROR(record_change(store, original, "appealed", original.state, original.state, actor,
                                        "appealed as " + ticket_number(appeal.number) + ": " + reason));
    return appeal;
}

}  // namespace spmis::grievances

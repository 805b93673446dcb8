// The grievance categories a deployment starts with, as data: put once, when there are none, by
// the server at start-up. Not by a migration: a new PostgreSQL database must stay empty until a
// site is moved into it (migrate-store copies only into an empty database).

#include "spmis/grievances/grievance_service.hpp"

namespace spmis::grievances {
namespace {

// Service levels in hours; a breached ticket escalates to the role named last.
const std::vector<store::GrievanceCategory>& defaults() {
    static const std::vector<store::GrievanceCategory> kDefaults = {
        {"payment_not_received",
         "Payment not received",
         48,
         240,
         "program_manager",
         {"delayed", "not_received", "paid_to_someone_else"}},
        {"wrong_amount",
         "Wrong amount",
         48,
         240,
         "program_manager",
         {"less_than_entitled", "unexplained_deduction"}},
        {"in_kind_not_received",
         "In-kind benefit not received or incomplete",
         24,
         120,
         "program_manager",
         {"incomplete", "not_received", "poor_quality"}},
        {"exclusion",
         "Exclusion from a program",
         72,
         480,
         "program_manager",
         {"found_not_eligible", "not_enrolled", "removed"}},
        {"data_error",
         "Data error",
         72,
         336,
         "program_manager",
         {"birthdate", "household_members", "identity_document", "name", "other"}},
        {"staff_misconduct",
         "Misconduct by staff",
         24,
         240,
         "auditor",
         {"abuse", "demand_for_payment", "fraud", "other"}},
        {"feedback", "Feedback", 120, 720, "program_manager", {"compliment", "question", "suggestion"}},
        {"other", "Other", 72, 480, "program_manager", {"other"}},
    };
    return kDefaults;
}

}  // namespace

Result<bool> put_default_categories(store::Store& store) {
    SPMIS_RETURN_IF_ERROR(store.lock_exclusively("grievances.categories"));
    SPMIS_ASSIGN_OR_RETURN(auto existing, store.grievances().list_grievance_categories());
    if (!existing.empty()) return false;
    for (const store::GrievanceCategory& c : defaults())
        SPMIS_RETURN_IF_ERROR(configure_category(store, c, "system"));
    return true;
}

}  // namespace spmis::grievances

// What an upheld grievance sets in motion, through the machinery that owns the record (never around
// it): an in-kind benefit not received becomes one reconciliation case on its entitlement, where
// staff decide as for a field conflict (set the entitlement's state, dismiss, ...).

#include "effects.hpp"

#include "history.hpp"
#include "spmis/grievances/grievance_service.hpp"

namespace spmis::grievances {
namespace {

bool upheld(const std::string& decision) { return decision == "upheld" || decision == "partially_upheld"; }

}  // namespace

Status act_on_resolution(store::Store& store, store::Grievance& g, const std::string& actor) {
    if (!upheld(g.decision) || g.category != "in_kind_not_received" || !g.links.entitlement_id) return {};
    const Uuid entitlement = *g.links.entitlement_id;
    SPMIS_ASSIGN_OR_RETURN(model::Entitlement e, store.delivery().get_entitlement(entitlement));
    const std::string summary =
        ticket_number(g.number) + " upheld: in-kind benefit not received (" + g.subcategory + ")";
    // Keyed by the ticket: resolving it again after an appeal's reopening finds the same case.
    store::CaseSubject subject{"grievance_upheld",
                               "grievance:" + g.id.to_string(),
                               summary,
                               e.program_id,
                               g.links.service_point_id ? g.links.service_point_id : e.service_point_id,
                               entitlement};
    SPMIS_ASSIGN_OR_RETURN(Uuid case_id,
                           store.cases().raise_case(subject, store::CaseLink{entitlement, {}, {}}));
    SPMIS_RETURN_IF_ERROR(store.cases().link_redemptions(case_id, entitlement));
    g.links.case_id = case_id;
    SPMIS_RETURN_IF_ERROR(store.grievances().update_grievance(g));
    return record_change(
        store, g, "case", g.state, g.state, actor,
        "reconciliation case " + case_id.to_string() + " raised on entitlement " + entitlement.to_string());
}

}  // namespace spmis::grievances

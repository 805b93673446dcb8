#include "spmis/programs/entitlements.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

#include "enrollment_support.hpp"
#include "generation_support.hpp"
#include "spmis/programs/program_rules.hpp"

namespace spmis::programs {
namespace {

using detail::Plan;

// Reads the cycle, program, rule and the cycle's existing entitlements.
Result<Plan> prepare(store::Store& store, const Uuid& cycle_id) {
    Plan plan;
    SPMIS_ASSIGN_OR_RETURN(plan.cycle, store.programs().get_cycle(cycle_id));
    if (plan.cycle.state != model::CycleState::kDraft) {
        return make_error(ErrorCode::kFailedPrecondition,
                          "cycle " + plan.cycle.name + " is " +
                              std::string(model::to_string(plan.cycle.state)) +
                              ": entitlements are generated for draft cycles");
    }
    SPMIS_ASSIGN_OR_RETURN(plan.program, detail::active_program(store, plan.cycle.program_id));
    if (plan.program.rule.kind == model::AmountRuleKind::kCel) {
        SPMIS_ASSIGN_OR_RETURN(plan.rule, compile_entitlement(plan.program));
    }
    SPMIS_ASSIGN_OR_RETURN(auto existing, store.delivery().list_entitlements(plan.cycle.id));
    for (const auto& e : existing) {
        plan.entitled.insert(e.registrant_id);
        if (e.state != model::EntitlementState::kCancelled) plan.existing_total += e.amount.minor_units;
    }
    return plan;
}

// Two-pass path, first pass: every new entitlement in memory (amounts before scaling).
Status plan_in_memory(store::Store& store, Plan& plan, const GenerateOptions& options,
                      GenerationReport& report) {
    SPMIS_ASSIGN_OR_RETURN(auto memberships, store.programs().list_memberships(plan.program.id));
    report.phases.lap("list memberships");
    LoadOptions load_options;
    load_options.households = plan.program.target == model::TargetType::kGroup;
    load_options.individuals = !load_options.households;  // a group rule reads members only
    SPMIS_ASSIGN_OR_RETURN(auto snap, load_registry(store, load_options));
    report.phases.lap("registry scan");
    SPMIS_ASSIGN_OR_RETURN(auto areas, load_areas(store));
    SPMIS_ASSIGN_OR_RETURN(auto assigner, detail::assigner_for(store, plan.program, areas));
    const auto index = detail::target_index(plan.program, snap);
    report.phases.lap("areas and index");
    const bool group = plan.program.target == model::TargetType::kGroup;
    cel::RegistrantBinder binder(options.reference.value_or(plan.cycle.start_date));
    const UtcTime at = detail::now(store);
    for (const auto& m : memberships) {
        if (m.state != model::MembershipState::kEnrolled) continue;
        ++report.beneficiaries;
        if (plan.entitled.count(m.registrant_id) != 0) {
            ++report.already_entitled;
            continue;
        }
        auto it = index.find(m.registrant_id);
        if (it == index.end()) {
            detail::add_error(report, m.registrant_id,
                              make_error(ErrorCode::kNotFound, "not in the registry"));
            continue;
        }
        const auto* household = group ? &snap.households[it->second] : nullptr;
        const auto* individual = group ? nullptr : &snap.individuals[it->second];
        auto units = detail::units_for(plan, binder, household, individual);
        if (!units.ok()) {
            detail::add_error(report, m.registrant_id, units.status());
            continue;
        }
        auto site = assigner.assign(group ? household->area_path : individual->area_path);
        if (!site && plan.program.kind != model::EntitlementKind::kCash) ++report.without_service_point;
        plan.fresh.push_back(detail::make_entitlement(plan, m.registrant_id, *units, site, at));
        plan.fresh_total += *units;
    }
    report.phases.lap("rule evaluation");
    return {};
}

// Scales new amounts to fit the budget; returns the factor used.
double scale(Plan& plan, std::int64_t budget) {
    const auto remaining = static_cast<long double>(std::max<std::int64_t>(0, budget - plan.existing_total));
    const long double factor = remaining / static_cast<long double>(plan.fresh_total);
    plan.fresh_total = 0;
    for (auto& e : plan.fresh) {
        e.amount.minor_units =
            static_cast<std::int64_t>(std::floor(static_cast<long double>(e.amount.minor_units) * factor));
        plan.fresh_total += e.amount.minor_units;
    }
    return static_cast<double>(factor);
}

Status write(store::Store& store, const Plan& plan, GenerationReport& report, const std::string& actor) {
    auto status = store.transaction([&]() -> Status {
        SPMIS_RETURN_IF_ERROR(store.delivery().insert_entitlements(plan.fresh));
        report.phases.lap("insert");
        return detail::audit_generate(store, plan, plan.fresh.size(), report, actor);
    });
    report.phases.lap("commit");
    return status;
}

// Individual programs, and scaling to the budget (the factor needs every amount first).
Result<GenerationReport> generate_two_pass(store::Store& store, Plan& plan, const GenerateOptions& options,
                                           GenerationReport report) {
    SPMIS_RETURN_IF_ERROR(plan_in_memory(store, plan, options, report));
    report.budget = plan.cycle.budget;
    const bool money = detail::is_money(plan.program);
    report.total = Money{plan.existing_total + plan.fresh_total, money ? plan.program.currency : ""};
    if (report.errored > 0) return report;
    const std::int64_t budget = plan.cycle.budget.minor_units;
    if (money && budget > 0 && report.total.minor_units > budget) {
        if (!options.scale_to_budget) {
            report.over_budget = true;
            return report;
        }
        report.scaled = true;
        report.scale_factor = scale(plan, budget);
        report.total.minor_units = plan.existing_total + plan.fresh_total;
    }
    UuidSet sites;
    for (const auto& e : plan.fresh) {
        report.total_quantity += e.quantity;
        if (e.service_point_id) sites.insert(*e.service_point_id);
    }
    report.service_points = sites.size();
    if (!money) report.unit = plan.program.unit;
    if (plan.fresh.empty()) return report;
    SPMIS_RETURN_IF_ERROR(write(store, plan, report, options.actor));
    report.created = plan.fresh.size();
    return report;
}

}  // namespace

Result<GenerationReport> generate_entitlements(store::Store& store, const Uuid& cycle_id,
                                               const GenerateOptions& options) {
    GenerationReport report;
    SPMIS_ASSIGN_OR_RETURN(Plan plan, prepare(store, cycle_id));
    report.phases.lap("setup");
    if (plan.program.target == model::TargetType::kGroup && !options.scale_to_budget) {
        return detail::generate_streamed(store, plan, options, std::move(report));
    }
    return generate_two_pass(store, plan, options, std::move(report));
}

std::string format_report(const GenerationReport& r) {
    std::ostringstream out;
    if (r.errored > 0) {
        out << r.errored << " rule error(s), nothing written";
        if (!r.first_errors.empty()) {
            out << " (first: " << r.first_errors.front().registrant.to_string() << ": "
                << r.first_errors.front().message << ")";
        }
        return out.str();
    }
    if (r.over_budget) {
        out << "total " << format_money(r.total) << " exceeds the cycle budget " << format_money(r.budget)
            << " for " << r.beneficiaries - r.already_entitled << " new entitlements; nothing written";
        return out.str();
    }
    out << "created " << r.created << " entitlements for " << r.beneficiaries << " enrolled members ("
        << r.already_entitled << " already entitled)";
    if (!r.total.currency.empty()) out << ", total " << format_money(r.total);
    if (r.budget.minor_units > 0) out << " of budget " << format_money(r.budget);
    if (r.total_quantity > 0)
        out << ", " << r.total_quantity << " " << (r.unit.empty() ? "unit" : r.unit) << "(s) in kind";
    if (r.service_points > 0) out << " at " << r.service_points << " service point(s)";
    if (r.without_service_point > 0) out << ", " << r.without_service_point << " without a service point";
    if (r.scaled) out << ", scaled by " << r.scale_factor;
    return out.str();
}

}  // namespace spmis::programs

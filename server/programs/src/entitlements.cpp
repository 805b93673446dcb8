#include "spmis/programs/entitlements.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>
#include <sstream>

#include "enrollment_support.hpp"
#include "spmis/cel/registrant_binding.hpp"
#include "spmis/programs/program_rules.hpp"
#include "spmis/programs/registry_loader.hpp"
#include "spmis/programs/service_point_assignment.hpp"

namespace spmis::programs {
namespace {

constexpr int kMoneyDecimals = 2;     // minor digits of every demo currency
constexpr int kQuantityDecimals = 3;  // in-kind quantities are kept to 1/1000 of a unit

// Everything generation needs, read before the write transaction.
struct Plan {
    model::Cycle cycle;
    model::Program program;
    std::vector<model::Entitlement> fresh;  // new entitlements, amounts before scaling
    std::int64_t existing_total = 0;
    std::int64_t fresh_total = 0;
};

bool is_money(const model::Program& p) { return p.kind != model::EntitlementKind::kInKind; }

Result<ServicePointAssigner> assigner_for(store::Store& store, const model::Program& program,
                                          const UuidMap<std::vector<std::string>>& paths) {
    SPMIS_ASSIGN_OR_RETURN(auto sites, store.service_points().list_service_points());
    std::vector<std::vector<std::string>> site_paths;
    for (const auto& s : sites) {
        auto it = s.area_id ? paths.find(*s.area_id) : paths.end();
        site_paths.push_back(it == paths.end() ? std::vector<std::string>{} : it->second);
    }
    return ServicePointAssigner(program.id, sites, site_paths);
}

// The rule's value for one beneficiary: minor units (cash, voucher) or 1/1000 units (in-kind).
Result<std::int64_t> units_for(const model::Program& program, const cel::Program* rule,
                               const cel::RegistrantBinder& binder, const cel::HouseholdRecord* household,
                               const cel::IndividualRecord* individual) {
    const int decimals = is_money(program) ? kMoneyDecimals : kQuantityDecimals;
    if (rule != nullptr) return evaluate_amount(*rule, binder, household, individual, decimals);
    if (is_money(program)) return program.rule.fixed_value;
    const double quantity =
        program.quantity > 0 ? program.quantity : static_cast<double>(program.rule.fixed_value);
    return static_cast<std::int64_t>(std::llround(quantity * 1000.0));
}

std::string voucher_code(const Uuid& id) {
    std::string text = id.to_string();  // the tail of a v7 id is random
    std::string code = "V-" + text.substr(text.size() - 12);
    for (auto& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return code;
}

model::Entitlement make_entitlement(const Plan& plan, const Uuid& registrant, std::int64_t units,
                                    std::optional<Uuid> service_point, UtcTime at) {
    model::Entitlement e;
    e.id = new_uuid_v7();
    e.cycle_id = plan.cycle.id;
    e.program_id = plan.program.id;
    e.registrant_id = registrant;
    e.kind = plan.program.kind;
    e.state = model::EntitlementState::kDraft;
    e.valid_from = plan.cycle.start_date;
    e.valid_until = plan.cycle.end_date;
    e.created_at = at;
    if (is_money(plan.program)) {
        e.amount = Money{units, plan.program.currency};
    } else {
        e.amount = Money{0, plan.program.currency};
        e.item = plan.program.item;
        e.unit = plan.program.unit;
        e.quantity = static_cast<double>(units) / 1000.0;
    }
    if (plan.program.kind != model::EntitlementKind::kCash) e.service_point_id = service_point;
    if (plan.program.kind == model::EntitlementKind::kVoucher) e.voucher_code = voucher_code(e.id);
    return e;
}

Status add_error(GenerationReport& report, const Uuid& id, const Status& s) {
    ++report.errored;
    if (report.first_errors.size() < tuning::kCelBatchMaxReportedErrors) {
        report.first_errors.push_back({id, s.message()});
    }
    return Status{};
}

Result<Plan> plan_generation(store::Store& store, const Uuid& cycle_id, const GenerateOptions& options,
                             GenerationReport& report) {
    Plan plan;
    SPMIS_ASSIGN_OR_RETURN(plan.cycle, store.programs().get_cycle(cycle_id));
    if (plan.cycle.state != model::CycleState::kDraft) {
        return make_error(ErrorCode::kFailedPrecondition,
                          "cycle " + plan.cycle.name + " is " +
                              std::string(model::to_string(plan.cycle.state)) +
                              ": entitlements are generated for draft cycles");
    }
    SPMIS_ASSIGN_OR_RETURN(plan.program, detail::active_program(store, plan.cycle.program_id));
    std::optional<cel::Program> rule;
    if (plan.program.rule.kind == model::AmountRuleKind::kCel) {
        SPMIS_ASSIGN_OR_RETURN(rule, compile_entitlement(plan.program));
    }
    SPMIS_ASSIGN_OR_RETURN(auto existing, store.delivery().list_entitlements(plan.cycle.id));
    UuidSet entitled;
    for (const auto& e : existing) {
        entitled.insert(e.registrant_id);
        if (e.state != model::EntitlementState::kCancelled) plan.existing_total += e.amount.minor_units;
    }
    SPMIS_ASSIGN_OR_RETURN(auto memberships, store.programs().list_memberships(plan.program.id));
    LoadOptions load_options;
    load_options.households = plan.program.target == model::TargetType::kGroup;
    load_options.individuals = !load_options.households;  // a group rule reads members only
    SPMIS_ASSIGN_OR_RETURN(auto snap, load_registry(store, load_options));
    SPMIS_ASSIGN_OR_RETURN(auto paths, load_area_paths(store));
    SPMIS_ASSIGN_OR_RETURN(auto assigner, assigner_for(store, plan.program, paths));
    const auto index = detail::target_index(plan.program, snap);
    const bool group = plan.program.target == model::TargetType::kGroup;
    cel::RegistrantBinder binder(options.reference.value_or(plan.cycle.start_date));
    const UtcTime at = detail::now();
    for (const auto& m : memberships) {
        if (m.state != model::MembershipState::kEnrolled) continue;
        ++report.beneficiaries;
        if (entitled.count(m.registrant_id) != 0) {
            ++report.already_entitled;
            continue;
        }
        auto it = index.find(m.registrant_id);
        if (it == index.end()) {
            SPMIS_RETURN_IF_ERROR(
                add_error(report, m.registrant_id, make_error(ErrorCode::kNotFound, "not in the registry")));
            continue;
        }
        const auto* household = group ? &snap.households[it->second] : nullptr;
        const auto* individual = group ? nullptr : &snap.individuals[it->second];
        auto units = units_for(plan.program, rule ? &*rule : nullptr, binder, household, individual);
        if (!units.ok()) {
            SPMIS_RETURN_IF_ERROR(add_error(report, m.registrant_id, units.status()));
            continue;
        }
        auto site = assigner.assign(group ? household->area_path : individual->area_path);
        if (!site && plan.program.kind != model::EntitlementKind::kCash) ++report.without_service_point;
        plan.fresh.push_back(make_entitlement(plan, m.registrant_id, *units, site, at));
        plan.fresh_total += *units;
    }
    return plan;
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

std::string generate_reason(const Plan& plan, const GenerationReport& report) {
    std::ostringstream out;
    out << "generated " << plan.fresh.size() << " entitlements";
    if (report.scaled) {
        out << "; scaled proportionally by " << report.scale_factor << " to fit the budget "
            << format_money(report.budget);
    }
    return out.str();
}

Status write(store::Store& store, const Plan& plan, const GenerationReport& report,
             const std::string& actor) {
    return store.transaction([&]() -> Status {
        SPMIS_RETURN_IF_ERROR(store.delivery().insert_entitlements(plan.fresh));
        model::AuditEvent event;
        event.id = new_uuid_v7();
        event.actor = actor;
        event.record_kind = "cycle";
        event.record_id = plan.cycle.id;
        event.action = "generate";
        event.reason = generate_reason(plan, report);
        event.at = detail::now();
        return store.audit().append(event);
    });
}

}  // namespace

Result<GenerationReport> generate_entitlements(store::Store& store, const Uuid& cycle_id,
                                               const GenerateOptions& options) {
    GenerationReport report;
    SPMIS_ASSIGN_OR_RETURN(Plan plan, plan_generation(store, cycle_id, options, report));
    report.budget = plan.cycle.budget;
    const std::string currency = is_money(plan.program) ? plan.program.currency : "";
    report.total = Money{plan.existing_total + plan.fresh_total, currency};
    if (report.errored > 0) return report;
    const std::int64_t budget = plan.cycle.budget.minor_units;
    if (is_money(plan.program) && budget > 0 && report.total.minor_units > budget) {
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
    if (!is_money(plan.program)) report.unit = plan.program.unit;
    if (plan.fresh.empty()) return report;
    SPMIS_RETURN_IF_ERROR(write(store, plan, report, options.actor));
    report.created = plan.fresh.size();
    return report;
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
            << " for " << r.beneficiaries - r.already_entitled
            << " new entitlements; nothing written (use --scale to scale)";
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

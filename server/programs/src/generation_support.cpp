#include "generation_support.hpp"

#include <cctype>
#include <cmath>
#include <sstream>

#include "enrollment_support.hpp"
#include "spmis/programs/program_rules.hpp"

namespace spmis::programs::detail {
namespace {

constexpr int kMoneyDecimals = 2;     // minor digits of every demo currency
constexpr int kQuantityDecimals = 3;  // in-kind quantities are kept to 1/1000 of a unit

std::string voucher_code(const Uuid& id) {
    std::string text = id.to_string();  // the tail of a v7 id is random
    std::string code = "V-" + text.substr(text.size() - 12);
    for (auto& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return code;
}

}  // namespace

bool is_money(const model::Program& p) { return p.kind != model::EntitlementKind::kInKind; }

Result<ServicePointAssigner> assigner_for(store::Store& store, const model::Program& program,
                                          const AreaMap& areas) {
    SPMIS_ASSIGN_OR_RETURN(auto sites, store.service_points().list_service_points());
    std::vector<std::vector<std::string>> site_paths;
    for (const auto& s : sites) {
        auto it = s.area_id ? areas.find(*s.area_id) : areas.end();
        site_paths.push_back(it == areas.end() ? std::vector<std::string>{} : it->second.path);
    }
    return ServicePointAssigner(program.id, sites, site_paths);
}

Result<std::int64_t> units_for(const Plan& plan, const cel::RegistrantBinder& binder,
                               const cel::HouseholdRecord* household,
                               const cel::IndividualRecord* individual) {
    const model::Program& program = plan.program;
    const int decimals = is_money(program) ? kMoneyDecimals : kQuantityDecimals;
    if (plan.rule) return evaluate_amount(*plan.rule, binder, household, individual, decimals);
    if (is_money(program)) return program.rule.fixed_value;
    const double quantity =
        program.quantity > 0 ? program.quantity : static_cast<double>(program.rule.fixed_value);
    return static_cast<std::int64_t>(std::llround(quantity * 1000.0));
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

void add_error(GenerationReport& report, const Uuid& id, const Status& s) {
    ++report.errored;
    if (report.first_errors.size() < tuning::kCelBatchMaxReportedErrors) {
        report.first_errors.push_back({id, s.message()});
    }
}

Status audit_generate(store::Store& store, const Plan& plan, std::size_t created,
                      const GenerationReport& report, const std::string& actor) {
    std::ostringstream reason;
    reason << "generated " << created << " entitlements";
    if (report.scaled) {
        reason << "; scaled proportionally by " << report.scale_factor << " to fit the budget "
               << format_money(report.budget);
    }
    model::AuditEvent event;
    event.id = new_uuid_v7();
    event.actor = actor;
    event.record_kind = "cycle";
    event.record_id = plan.cycle.id;
    event.action = "generate";
    event.reason = reason.str();
    event.at = detail::now(store);
    return store.audit().append(event);
}

}  // namespace spmis::programs::detail

// Streamed generation: the enrolled groups are read a page at a time (with their members) inside
// the one write transaction, evaluated, and their entitlements inserted a page or two behind the
// reading (read ahead on a second connection), so neither the registry nor the new entitlements
// are ever held in memory as a whole. The budget needs the total before anything may be
// committed: when a rule error or the total says nothing may be written, the transaction rolls
// back and the report is the same as the two-pass path's.

#include "enrollment_support.hpp"
#include "generation_support.hpp"
#include "page_read_ahead.hpp"

namespace spmis::programs::detail {
namespace {

// The state of one streamed run.
struct Stream {
    const Plan& plan;
    GenerationReport& report;
    const AreaMap& areas;
    const ServicePointAssigner& assigner;
    cel::RegistrantBinder binder;
    UtcTime at;
    std::vector<model::Entitlement> page_rows;
    UuidSet sites;
    std::size_t fresh = 0;
    std::int64_t fresh_total = 0;

    // Whether the run may still be written: no rule error, and within the budget so far.
    bool writable() const {
        const std::int64_t budget = plan.cycle.budget.minor_units;
        const bool over = is_money(plan.program) && budget > 0 && plan.existing_total + fresh_total > budget;
        return report.errored == 0 && !over;
    }
};

void evaluate(Stream& s, const store::EnrolledGroup& g) {
    ++s.report.beneficiaries;
    const Uuid& id = g.group.id;
    if (s.plan.entitled.count(id) != 0) {
        ++s.report.already_entitled;
        return;
    }
    if (!g.is_group) {
        add_error(s.report, id, make_error(ErrorCode::kNotFound, "not in the registry"));
        return;
    }
    const cel::HouseholdRecord household = household_record(g, s.areas);
    auto units = units_for(s.plan, s.binder, &household, nullptr);
    if (!units.ok()) {
        add_error(s.report, id, units.status());
        return;
    }
    auto site = s.assigner.assign(household.area_path);
    if (!site && s.plan.program.kind != model::EntitlementKind::kCash) ++s.report.without_service_point;
    ++s.fresh;
    s.fresh_total += *units;
    if (!s.writable()) return;  // still counted: the report gives the whole total
    s.page_rows.push_back(make_entitlement(s.plan, id, *units, site, s.at));
    const auto& e = s.page_rows.back();
    s.report.total_quantity += e.quantity;
    if (e.service_point_id) s.sites.insert(*e.service_point_id);
}

Status visit_page(store::Store& store, Stream& s, std::vector<store::EnrolledGroup>& page) {
    s.report.phases.lap("registry scan");  // reading ahead: only the wait for the reader
    for (const auto& g : page) evaluate(s, g);
    s.report.phases.lap("rule evaluation");
    if (s.writable() && !s.page_rows.empty()) {
        SPMIS_RETURN_IF_ERROR(store.delivery().insert_entitlements(s.page_rows));
        s.report.phases.lap("insert");
    }
    s.page_rows.clear();
    return {};
}

using PageVisitor = std::function<Status(std::vector<store::EnrolledGroup>&)>;

// The program's enrolled groups a page at a time: read ahead on a second connection when the
// options and the store allow it, else on the store's own connection.
Status for_each_page(store::Store& store, const Uuid& program_id, const GenerateOptions& options,
                     const PageVisitor& visit) {
    const std::size_t page_size = options.page_size > 0 ? options.page_size : kGenerationPage;
    if (options.read_ahead) {
        auto reader = store.open_reader();
        if (reader.ok()) {
            PageReadAhead ahead(std::move(*reader), program_id, page_size);
            while (true) {
                SPMIS_ASSIGN_OR_RETURN(auto page, ahead.next());
                if (!page) return {};
                SPMIS_RETURN_IF_ERROR(visit(*page));
            }
        }
        if (reader.status().code() != ErrorCode::kFailedPrecondition) return reader.status();
    }
    return store.registry().for_each_enrolled_group(program_id, page_size, visit);
}

}  // namespace

Result<GenerationReport> generate_streamed(store::Store& store, const Plan& plan,
                                           const GenerateOptions& options, GenerationReport report) {
    SPMIS_ASSIGN_OR_RETURN(const AreaMap areas, load_areas(store));
    SPMIS_ASSIGN_OR_RETURN(const auto assigner, assigner_for(store, plan.program, areas));
    Stream s{plan,
             report,
             areas,
             assigner,
             cel::RegistrantBinder(options.reference.value_or(plan.cycle.start_date)),
             now(store),
             {},
             {},
             0,
             0};
    report.phases.lap("areas");
    bool rolled_back = false;  // on purpose: the report says why nothing was written
    Status written = store.transaction([&]() -> Status {
        SPMIS_RETURN_IF_ERROR(for_each_page(
            store, plan.program.id, options,
            [&](std::vector<store::EnrolledGroup>& page) { return visit_page(store, s, page); }));
        if (!s.writable()) {
            rolled_back = true;
            return make_error(ErrorCode::kRefused, "nothing written");
        }
        if (s.fresh == 0) return Status{};
        SPMIS_RETURN_IF_ERROR(audit_generate(store, plan, s.fresh, report, options.actor));
        report.phases.lap("audit");
        return Status{};
    });
    if (!written.ok() && !rolled_back) return written;
    report.phases.lap("commit");
    report.budget = plan.cycle.budget;
    report.total =
        Money{plan.existing_total + s.fresh_total, is_money(plan.program) ? plan.program.currency : ""};
    report.over_budget = report.errored == 0 && !s.writable();
    if (rolled_back) {
        report.total_quantity = 0;
        return report;
    }
    if (!is_money(plan.program)) report.unit = plan.program.unit;
    report.service_points = s.sites.size();
    report.created = s.fresh;
    return report;
}

}  // namespace spmis::programs::detail

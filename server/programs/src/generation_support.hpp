#pragma once
// Pieces shared by the two generation paths (private to spmis_programs): the streamed one for group
// programs (entitlements are inserted while the enrolled groups are scanned) and the two-pass one
// (the whole plan in memory first; individual programs and scaling to the budget).

#include <optional>
#include <string>
#include <vector>

#include "spmis/cel/program.hpp"
#include "spmis/cel/registrant_binding.hpp"
#include "spmis/programs/entitlements.hpp"
#include "spmis/programs/registry_loader.hpp"
#include "spmis/programs/service_point_assignment.hpp"

namespace spmis::programs::detail {

// Enrolled groups read, evaluated and inserted per page by streamed generation. Kept here rather
// than in base/tuning.hpp, which nearly every file includes; move it there when that header next
// changes.
inline constexpr std::size_t kGenerationPage = 4096;

// What generation knows before evaluating anyone.
struct Plan {
    model::Cycle cycle;
    model::Program program;
    std::optional<cel::Program> rule;       // the CEL entitlement rule, when the program has one
    UuidSet entitled;                       // registrants already entitled in the cycle
    std::int64_t existing_total = 0;        // value of the cycle's live entitlements
    std::vector<model::Entitlement> fresh;  // two-pass path: new entitlements, before scaling
    std::int64_t fresh_total = 0;
};

// Cash and vouchers carry money; in-kind carries a quantity.
bool is_money(const model::Program& p);

// The program's service point assigner, with each site's area path.
Result<ServicePointAssigner> assigner_for(store::Store& store, const model::Program& program,
                                          const AreaMap& areas);

// The rule's value for one beneficiary: minor units (cash, voucher) or 1/1000 units (in-kind).
Result<std::int64_t> units_for(const Plan& plan, const cel::RegistrantBinder& binder,
                               const cel::HouseholdRecord* household,
                               const cel::IndividualRecord* individual);

// A draft entitlement of the cycle for one beneficiary.
model::Entitlement make_entitlement(const Plan& plan, const Uuid& registrant, std::int64_t units,
                                    std::optional<Uuid> service_point, UtcTime at);

// Counts a rule error (keeping the first few for the report).
void add_error(GenerationReport& report, const Uuid& id, const Status& s);

// Appends the cycle's "generate" audit event for `created` new entitlements.
Status audit_generate(store::Store& store, const Plan& plan, std::size_t created,
                      const GenerationReport& report, const std::string& actor);

// The streamed path (group programs without scaling): one transaction that inserts a page at a time
// and rolls back when a rule error or the budget says nothing may be written.
Result<GenerationReport> generate_streamed(store::Store& store, const Plan& plan,
                                           const GenerateOptions& options, GenerationReport report);

}  // namespace spmis::programs::detail

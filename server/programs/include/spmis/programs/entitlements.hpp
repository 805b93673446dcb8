#pragma once
// Entitlement generation for a cycle: one draft entitlement per enrolled member, from the
// program's fixed or CEL rule, within the cycle budget.

#include <optional>
#include <string>
#include <vector>

#include "spmis/base/money.hpp"
#include "spmis/base/phase_times.hpp"
#include "spmis/base/time.hpp"
#include "spmis/cel/batch.hpp"
#include "spmis/store/store.hpp"

namespace spmis::programs {

// How to generate.
struct GenerateOptions {
    bool scale_to_budget = false;   // scale new amounts down proportionally instead of refusing
    std::optional<Date> reference;  // ages for CEL rules; the cycle's start date when empty
    std::string actor = "system";
    std::size_t page_size = 0;  // group programs: households read and written at a time (0: default)
    // Group programs: read the next pages on a second connection while this one evaluates and
    // writes (on when the store has a file and the transaction has not written yet).
    bool read_ahead = true;
};

// What generation did (or would have done, when over budget).
struct GenerationReport {
    std::size_t beneficiaries = 0;     // enrolled members of the program
    std::size_t created = 0;           // new entitlements written
    std::size_t already_entitled = 0;  // enrolled members that already had one in this cycle
    std::size_t errored = 0;           // rule errors: nothing is written when any occurs
    std::vector<cel::RegistrantError> first_errors;
    std::size_t without_service_point = 0;  // in-kind entitlements no service point serves
    Money total;                            // value of the cycle's entitlements (existing + new)
    Money budget;                           // the cycle budget (0: unlimited)
    bool over_budget = false;               // true: nothing was written
    bool scaled = false;
    double scale_factor = 1.0;
    double total_quantity = 0;       // in-kind: units of the new entitlements
    std::string unit;                // in-kind: the program's unit ("basket")
    std::size_t service_points = 0;  // distinct service points of the new entitlements
    PhaseTimes phases;               // wall time per phase (benchmarks; not in format_report)
};

// Generates entitlements for a draft cycle of an active program. Group programs stream: the
// enrolled households are read, evaluated and inserted a page at a time in one transaction that
// rolls back when nothing may be written; individual programs and scaling plan in memory first.
// Idempotent: members that
// already hold an entitlement in the cycle are skipped. Rule errors or exceeding the budget write
// nothing (the report says why); scaling multiplies new amounts by (budget - existing) / new
// total, rounding down, and is recorded in the audit reason of the cycle's "generate" event.
// In-kind service points: see service_point_assignment.hpp.
Result<GenerationReport> generate_entitlements(store::Store& store, const Uuid& cycle_id,
                                               const GenerateOptions& options = {});

// One line: "created 120 entitlements (0 already present), total 6600.00 USD of budget ...".
std::string format_report(const GenerationReport& report);

}  // namespace spmis::programs

#pragma once
// Compiles a program's CEL rules with the standard household logic pack overridden by the
// program's variables, over `group` or `individual` according to the program's target.

#include <span>
#include <string>

#include "spmis/cel/batch.hpp"
#include "spmis/cel/program.hpp"
#include "spmis/model/program.hpp"

namespace spmis::programs {

// The eligibility rule; kRuleError naming the program with the engine's line/column rendering.
Result<cel::Program> compile_eligibility(const model::Program& program);

// The CEL entitlement rule (program.rule.kind must be kCel); kRuleError as above.
Result<cel::Program> compile_entitlement(const model::Program& program);

// Evaluates an eligibility rule over the program's target records (households or individuals).
cel::EligibilityResult evaluate_eligibility(const model::Program& program, const cel::Program& rule,
                                            std::span<const cel::HouseholdRecord> households,
                                            std::span<const cel::IndividualRecord> individuals,
                                            const cel::RegistrantBinder& binder);

// Evaluates a numeric rule for one record; `household` or `individual` per the program target.
Result<std::int64_t> evaluate_amount(const cel::Program& rule, const cel::RegistrantBinder& binder,
                                     const cel::HouseholdRecord* household,
                                     const cel::IndividualRecord* individual, int decimals);

}  // namespace spmis::programs

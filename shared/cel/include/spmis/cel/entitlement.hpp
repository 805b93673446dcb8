#pragma once
// Entitlement rules: a CEL expression returning int, uint or double, read as an amount in major
// units (55 = 55.00 USD) or a quantity, converted to an integer count of 10^-decimals units.
// Rounding is half away from zero at the last kept decimal (2.345 -> 2.35, -> 235 with 2
// decimals). Negative, NaN, infinite, out-of-range and non-numeric results are errors.

#include <span>
#include <string>
#include <vector>

#include "spmis/base/money.hpp"
#include "spmis/base/status.hpp"
#include "spmis/cel/batch.hpp"

namespace spmis::cel {

// The rule result as an integer count of 10^-decimals units (decimals in 0..9).
Result<std::int64_t> to_fixed_point(const Value& result, int decimals);

// The rule result as money in minor units of `currency` with `decimals` minor digits (2 for USD).
Result<Money> to_money(const Value& result, const std::string& currency, int decimals);

struct Entitlement {
    Uuid registrant;
    std::int64_t units = 0;  // minor units of money, or 10^-decimals units of quantity
};

struct EntitlementBatch {
    std::vector<Entitlement> amounts;  // in input order
    std::size_t errored = 0;
    std::vector<RegistrantError> first_errors;
};

// Evaluates an entitlement rule (compiled with group_rule_options()) for each household.
EntitlementBatch evaluate_entitlements(const Program& rule, std::span<const HouseholdRecord> households,
                                       const RegistrantBinder& binder, int decimals);

}  // namespace spmis::cel

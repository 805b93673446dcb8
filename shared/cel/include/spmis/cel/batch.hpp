#pragma once
// Batch evaluation of one compiled rule over many registrants, split across threads. An error
// for one registrant never stops the batch: it is counted, and the first few are reported.

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "spmis/base/uuid.hpp"
#include "spmis/cel/program.hpp"
#include "spmis/cel/registrant_binding.hpp"

namespace spmis::cel {

struct RegistrantError {
    Uuid registrant;
    std::string message;
};

// Outcome of an eligibility rule over a registry. matching keeps the input order.
struct EligibilityResult {
    std::vector<Uuid> matching;
    std::size_t not_matching = 0;
    std::size_t errored = 0;                    // error values and non-bool results
    std::vector<RegistrantError> first_errors;  // at most tuning::kCelBatchMaxReportedErrors
};

// Evaluates `rule` (compiled with group_rule_options()) for every household. threads <= 0
// means std::thread::hardware_concurrency().
EligibilityResult evaluate_households(const Program& rule, std::span<const HouseholdRecord> households,
                                      const RegistrantBinder& binder, int threads = 0);

// Evaluates `rule` (compiled with individual_rule_options()) for every individual.
EligibilityResult evaluate_individuals(const Program& rule, std::span<const IndividualRecord> individuals,
                                       const RegistrantBinder& binder, int threads = 0);

}  // namespace spmis::cel

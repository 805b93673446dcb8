#pragma once
// Deduplication of a program's memberships: memberships whose registrants look like the same
// person (by configurable rules) are flagged `duplicated`, recording the membership they duplicate.

#include <string>
#include <string_view>
#include <vector>

#include "spmis/programs/enrollment.hpp"

namespace spmis::programs {

// What makes two registrants the same. For a group, its head's national id, name and birthdate.
enum class DedupeRule {
    kNationalId,         // same non-empty national id
    kNameBirthdateArea,  // same name (case and spaces ignored), same birthdate, same area
};

// "national_id" / "name_birthdate_area"; kInvalidArgument naming the accepted rules otherwise.
Result<DedupeRule> parse_dedupe_rule(std::string_view name);

// Counts of one deduplication.
struct DedupeReport {
    std::size_t examined = 0;    // memberships in draft, enrolled or paused
    std::size_t flagged = 0;     // draft memberships moved to duplicated (one pair each)
    std::size_t unresolved = 0;  // duplicates already enrolled or paused: left as they are
};

// Within each set of matching memberships the one with the oldest registrant (created_at, then id)
// is kept; the others that are still draft go to duplicated, pointing at the kept one. Only draft
// memberships can be flagged (the membership state machine). kFailedPrecondition for an ended
// program; kInvalidArgument when no rule is given.
Result<DedupeReport> deduplicate(store::Store& store, const Uuid& program_id,
                                 const std::vector<DedupeRule>& rules, const EnrollmentOptions& options);

}  // namespace spmis::programs

#pragma once
// The grievance component's tunables.

#include <chrono>
#include <cstdint>

namespace spmis::grievances::tuning {

// A ticket is at risk once this share (per mille) of a clock's allowed time is used: early enough
// for a supervisor to act before the breach.
constexpr std::int64_t kAtRiskPermille = 750;
// How often the server looks for breached tickets to escalate: a breach is escalated within this.
constexpr std::chrono::minutes kEscalationInterval{5};
// The longest service level a category may set: a year.
constexpr std::int64_t kMaxServiceHours = 24 * 366;
// The most tickets one CSV export holds (a period's export, not the whole history at once).
constexpr std::size_t kMaxExportRows = 100000;

}  // namespace spmis::grievances::tuning

#pragma once
// Deterministic synthetic demo data: a 3-level area hierarchy, random households with realistic
// distributions, the demo programs of DESIGN.md with their CEL rules as text, service points with
// distribution events, and the named personas of personas.hpp. Same seed, same database content:
// nothing depends on the wall clock (all ages and times are relative to kDemoReferenceDate).

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "spmis/base/time.hpp"
#include "spmis/store/store.hpp"

namespace spmis::demo {

// The "today" of the demo: ages, enrollment and events are computed against this date.
inline constexpr Date kDemoReferenceDate{std::chrono::year{2026}, std::chrono::month{11},
                                         std::chrono::day{1}};

// Called after each batch with households written so far and the total.
using DemoProgressFn = std::function<void(std::size_t done, std::size_t total)>;

struct DemoOptions {
    std::size_t households = 2000;  // random households, in addition to the personas' households
    std::uint64_t seed = 42;
    DemoProgressFn progress;  // optional
};

// What was created, for the command's summary.
struct DemoSummary {
    std::size_t households = 0;   // including persona households
    std::size_t individuals = 0;  // including personas
    std::size_t areas = 0;
    std::size_t service_points = 0;
    std::size_t distribution_events = 0;
    std::size_t personas = 0;
    std::vector<std::string> program_lines;  // "CHILD_GRANT  Universal child grant (group, cash)"
    std::vector<std::size_t> household_size_counts = std::vector<std::size_t>(13, 0);  // index = size
};

// Fills an empty store. kFailedPrecondition when it already holds registrants.
Result<DemoSummary> generate_demo(store::Store& store, const DemoOptions& options);

}  // namespace spmis::demo

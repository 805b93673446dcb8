#pragma once
// Registry import from CSV (format: docs/registry-csv.md). Used by `spmis-server import registry`
// and later by the HTTP API. The whole file is validated first; any bad row fails the import
// with its line and column and nothing is written. Re-importing an unchanged file writes nothing.

#include <cstddef>
#include <functional>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

#include "spmis/base/clock.hpp"
#include "spmis/store/store.hpp"

namespace spmis::registry_import {

// Called as work advances: phase ("validating" or "writing"), rows done, rows in the file (0
// while still unknown).
using ProgressFn = std::function<void(std::string_view phase, std::size_t done, std::size_t total)>;

// One bad cell of a refused file.
struct RowProblem {
    std::size_t line = 0;  // 1-based, the header is line 1
    std::string column;    // the header's name of the column
    std::string message;
};

struct ImportOptions {
    std::string actor = "registry-import";        // recorded in audit events
    Clock* clock = nullptr;                       // created/updated times; system clock when null
    ProgressFn progress;                          // optional
    std::size_t max_errors = 20;                  // errors listed in the message before "... and N more"
    std::vector<RowProblem>* problems = nullptr;  // when set, receives every bad row of a refused file
};

// What an import did.
struct ImportReport {
    std::size_t rows = 0;
    std::size_t groups_created = 0;
    std::size_t individuals_created = 0;
    std::size_t updated = 0;
    std::size_t unchanged = 0;
    std::size_t memberships_changed = 0;
};

// Imports one CSV file into `store` in one transaction. kInvalidArgument listing every bad row as
// "line N, column 'name': reason" (nothing committed); store errors otherwise.
Result<ImportReport> import_registry_csv(store::Store& store, std::istream& csv,
                                         const ImportOptions& options);

}  // namespace spmis::registry_import

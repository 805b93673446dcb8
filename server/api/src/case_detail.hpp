#pragma once
// One reconciliation case as a person deciding it needs it: every device operation it links, beside
// the current server record, and the version (ETag) a decision is checked against.

#include <nlohmann/json.hpp>
#include <string>

#include "spmis/base/status.hpp"
#include "spmis/store/store.hpp"

namespace spmis::api {

// The case's version: "<links>-<16 hex>", changing whenever its status, stamp, decision or links
// change. The link count is readable so that a stale decision can be told what changed.
std::string case_version(const store::ReconciliationCase& c);

// The version an If-Match header names (quotes and a weak "W/" prefix dropped); "" when absent.
std::string if_match_version(const std::string& header);

// Why a decision taken on `seen` no longer applies to `now` (for the 409 answer).
std::string what_changed(const std::string& seen, const store::ReconciliationCase& now);

// {"case", "version", "operations": [...], "record": {...} or null}. Reads through `store`; the
// caller holds whatever lock guards it.
Result<nlohmann::json> case_detail(store::Store& store, const store::ReconciliationCase& c);

}  // namespace spmis::api

#pragma once
// Expiry of entitlements whose validity has passed.

#include <string>

#include "spmis/base/time.hpp"
#include "spmis/store/store.hpp"

namespace spmis::programs {

// Marks `approved` entitlements whose valid_until is before `today` as `expired` (audited), in
// one transaction; returns how many. Only approved ones expire: drafts and pending ones are not
// yet entitlements to anything, and transferred, paid and redeemed ones were handed over (the
// entitlement state machine allows approved -> expired only). Cycles that are not approved,
// distributed or ended are skipped without reading their entitlements.
Result<std::size_t> expire_entitlements(store::Store& store, Date today, const std::string& actor = "system");

}  // namespace spmis::programs

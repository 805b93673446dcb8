#pragma once
// What a registrant receives, for the registrant page: memberships in every program, entitlements
// with their balance, the redemptions of those entitlements and attendance at distribution events,
// for the registrant and the registrants it is linked to (a household's members, an individual's
// households), since in-kind benefits are held by the household and collected by any member.

#include <nlohmann/json.hpp>

#include "spmis/base/status.hpp"
#include "spmis/store/store.hpp"

namespace spmis::api {

// {"registrant_id", "holders": [{id, name, kind, relation: self|member|household}], "memberships",
// "entitlements", "redemptions", "attendance"}, each list oldest first. kNotFound for an unknown
// registrant. Reads through `store`; the caller holds whatever lock guards it.
Result<nlohmann::json> registrant_benefits(store::Store& store, const Uuid& registrant_id);

}  // namespace spmis::api

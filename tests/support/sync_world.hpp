#pragma once
// The small world the sync tests share, written straight through a Store: one in-kind program
// (25 kg of rice), a cycle, service point SP1 with a distribution event, a household whose head
// holds an approved entitlement redeemable at SP1, and optionally SP2 with a second entitlement
// of the same household (for scope tests).

#include <string>

#include "spmis/base/status.hpp"
#include "spmis/base/time.hpp"
#include "spmis/base/uuid.hpp"
#include "spmis/store/store.hpp"

namespace spmis::test {

// The ids of the world's records.
struct SyncWorld {
    Uuid program, cycle, sp1, sp2, household, member, membership, entitlement, sp2_entitlement, event;
};

// When the world's cycle and entitlements are valid, and when its event at SP1 runs.
struct SyncWorldDates {
    Date valid_from;
    Date valid_until;
    UtcTime event_starts;
    UtcTime event_ends;
};

// A world with fresh (UUIDv7) ids.
SyncWorld new_sync_world();

// Writes the world through `store`; SP2 and its entitlement only when `with_sp2`. The first
// failing insert's status, naming what it was writing.
Status seed_sync_world(store::Store& store, const SyncWorld& w, const SyncWorldDates& dates, bool with_sp2);

// Dates around `now`: entitlements valid from 30 days before its day to 60 days after, the event
// open from an hour before `now` to eight hours after.
SyncWorldDates sync_world_dates_around(UtcTime now);

// A fresh world (without SP2) written into data_dir's store, dated around the test clock's now, for tests
// that then start the real server on that directory. Throws std::runtime_error naming the step that failed.
SyncWorld seed_sync_world_in_directory(const std::string& data_dir);

}  // namespace spmis::test

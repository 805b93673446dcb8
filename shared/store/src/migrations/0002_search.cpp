// Schema 2: a normalised search name on registrants (lower-case ASCII of the display name,
// back-filled for existing rows) and the lookup indexes that registry, delivery and audit
// queries need.

#include "sqlite/migrations.hpp"

namespace spmis::store::sqlite {

const Migration& migration_0002_search() {
    static const Migration kMigration{2, "search name and lookup indexes", R"sql(
ALTER TABLE registrants ADD COLUMN search_name TEXT NOT NULL DEFAULT '';
UPDATE registrants SET search_name = lower(name);
CREATE INDEX registrants_search_name ON registrants(search_name);
CREATE INDEX registrants_area ON registrants(area_id);
CREATE INDEX group_memberships_individual ON group_memberships(individual_id);
CREATE INDEX program_memberships_registrant ON program_memberships(registrant_id);
CREATE INDEX entitlements_cycle ON entitlements(cycle_id);
CREATE INDEX entitlements_registrant ON entitlements(registrant_id);
CREATE INDEX payments_batch ON payments(batch_id);
CREATE INDEX distribution_events_service_point ON distribution_events(service_point_id, starts_at);
CREATE INDEX attendance_event ON attendance(event_id);
CREATE INDEX redemptions_entitlement ON redemptions(entitlement_id);
CREATE INDEX audit_events_record ON audit_events(record_id, seq);
)sql"};
    return kMigration;
}

}  // namespace spmis::store::sqlite

#include "support/sync_world.hpp"

#include <chrono>
#include <stdexcept>
#include <string>

#include "spmis/base/clock.hpp"
#include "support/test_clock.hpp"
#include "support/test_database.hpp"

namespace spmis::test {
namespace {

Status named(const Status& s, const char* what) {
    return s.ok() ? s : make_error(s.code(), std::string(what) + ": " + s.message());
}

Status insert_program(store::Store& store, const SyncWorld& w, const SyncWorldDates& d) {
    model::Program p;
    p.id = w.program;
    p.code = "FOOD";
    p.name = "Food basket";
    p.kind = model::EntitlementKind::kInKind;
    p.item = "rice";
    p.unit = "kg";
    p.quantity = 25;
    SPMIS_RETURN_IF_ERROR(named(store.programs().insert_program(p), "program"));
    model::Cycle c;
    c.id = w.cycle;
    c.program_id = w.program;
    c.name = "Cycle 1";
    c.start_date = d.valid_from;
    c.end_date = d.valid_until;
    c.budget = {0, "USD"};
    return named(store.programs().insert_cycle(c), "cycle");
}

Status insert_service_point(store::Store& store, const SyncWorld& w, const Uuid& id, const char* code) {
    model::ServicePoint sp;
    sp.id = id;
    sp.code = code;
    sp.name = std::string("Site ") + code;
    sp.program_ids = {w.program};
    return named(store.service_points().insert_service_point(sp), "service point");
}

Status insert_household(store::Store& store, const SyncWorld& w) {
    model::Registrant hh;
    hh.id = w.household;
    hh.kind = model::RegistrantKind::kGroup;
    hh.name = "Household Achieng";
    model::Registrant m;
    m.id = w.member;
    m.name = "Grace Achieng";
    m.given_name = "Grace";
    m.family_name = "Achieng";
    m.national_id = "NID-1";
    m.birthdate = *parse_date("1980-05-01");
    SPMIS_RETURN_IF_ERROR(named(store.registry().insert_registrant(hh), "household"));
    SPMIS_RETURN_IF_ERROR(named(store.registry().insert_registrant(m), "member"));
    SPMIS_RETURN_IF_ERROR(named(
        store.registry().put_group_membership({w.household, w.member, model::GroupMembershipKind::kHead}),
        "group membership"));
    model::ProgramMembership pm;
    pm.id = w.membership;
    pm.program_id = w.program;
    pm.registrant_id = w.household;
    pm.state = model::MembershipState::kEnrolled;
    return named(store.programs().insert_membership(pm), "membership");
}

Status insert_entitlement(store::Store& store, const SyncWorld& w, const SyncWorldDates& d, const Uuid& id,
                          const Uuid& service_point) {
    model::Entitlement e;
    e.id = id;
    e.cycle_id = w.cycle;
    e.program_id = w.program;
    e.registrant_id = w.household;
    e.kind = model::EntitlementKind::kInKind;
    e.state = model::EntitlementState::kApproved;
    e.item = "rice";
    e.quantity = 25;
    e.unit = "kg";
    e.amount = {0, "USD"};
    e.service_point_id = service_point;
    e.valid_from = d.valid_from;
    e.valid_until = d.valid_until;
    return named(store.delivery().insert_entitlement(e), "entitlement");
}

Status insert_event(store::Store& store, const SyncWorld& w, const SyncWorldDates& d) {
    model::DistributionEvent ev;
    ev.id = w.event;
    ev.service_point_id = w.sp1;
    ev.program_id = w.program;
    ev.cycle_id = w.cycle;
    ev.starts_at = d.event_starts;
    ev.ends_at = d.event_ends;
    return named(store.service_points().insert_event(ev), "event");
}

}  // namespace

SyncWorld new_sync_world() {
    return {new_uuid_v7(), new_uuid_v7(), new_uuid_v7(), new_uuid_v7(), new_uuid_v7(),
            new_uuid_v7(), new_uuid_v7(), new_uuid_v7(), new_uuid_v7(), new_uuid_v7()};
}

Status seed_sync_world(store::Store& store, const SyncWorld& w, const SyncWorldDates& dates, bool with_sp2) {
    SPMIS_RETURN_IF_ERROR(insert_program(store, w, dates));
    SPMIS_RETURN_IF_ERROR(insert_service_point(store, w, w.sp1, "SP1"));
    if (with_sp2) SPMIS_RETURN_IF_ERROR(insert_service_point(store, w, w.sp2, "SP2"));
    SPMIS_RETURN_IF_ERROR(insert_household(store, w));
    SPMIS_RETURN_IF_ERROR(insert_entitlement(store, w, dates, w.entitlement, w.sp1));
    if (with_sp2) SPMIS_RETURN_IF_ERROR(insert_entitlement(store, w, dates, w.sp2_entitlement, w.sp2));
    return insert_event(store, w, dates);
}

SyncWorldDates sync_world_dates_around(UtcTime now) {
    const auto today = std::chrono::sys_days(date_of(now));
    return SyncWorldDates{Date(today - std::chrono::days(30)), Date(today + std::chrono::days(60)),
                          now - std::chrono::hours(1), now + std::chrono::hours(8)};
}

SyncWorld seed_sync_world_in_directory(const std::string& data_dir) {
    auto store = open_test_store(data_dir);
    if (!store.ok()) {
        throw std::runtime_error("open store: " + store.status().to_string());
    }
    const SyncWorldDates dates = sync_world_dates_around(test_clock().now());
    SyncWorld world = new_sync_world();
    if (Status seeded = seed_sync_world(**store, world, dates, false); !seeded.ok()) {
        throw std::runtime_error(seeded.to_string());
    }
    return world;
}

}  // namespace spmis::test

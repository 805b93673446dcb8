#include "sync_world.hpp"

#include <stdexcept>

#include "spmis/base/clock.hpp"
#include "spmis/store/store.hpp"

namespace spmis::test {
namespace {

void check(const Status& s, const char* step) {
    if (!s.ok()) throw std::runtime_error(std::string(step) + ": " + s.to_string());
}

void insert_program(store::Store& store, const SyncWorld& w) {
    model::Program p;
    p.id = w.program;
    p.code = "FOOD";
    p.name = "Food basket";
    p.kind = model::EntitlementKind::kInKind;
    p.item = "rice";
    p.unit = "kg";
    p.quantity = 25;
    check(store.programs().insert_program(p), "program");
    model::Cycle c;
    c.id = w.cycle;
    c.program_id = w.program;
    c.name = "Cycle 1";
    c.start_date = *parse_date("2020-01-01");
    c.end_date = *parse_date("2099-12-31");
    c.budget = {0, "USD"};
    check(store.programs().insert_cycle(c), "cycle");
    model::ServicePoint sp;
    sp.id = w.service_point;
    sp.code = "SP1";
    sp.name = "Site one";
    sp.program_ids = {w.program};
    check(store.service_points().insert_service_point(sp), "service point");
}

void insert_household(store::Store& store, const SyncWorld& w) {
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
    check(store.registry().insert_registrant(hh), "household");
    check(store.registry().insert_registrant(m), "member");
    check(store.registry().put_group_membership({w.household, w.member, model::GroupMembershipKind::kHead}),
          "group membership");
    model::ProgramMembership pm;
    pm.id = w.membership;
    pm.program_id = w.program;
    pm.registrant_id = w.household;
    pm.state = model::MembershipState::kEnrolled;
    check(store.programs().insert_membership(pm), "membership");
}

void insert_distribution(store::Store& store, const SyncWorld& w) {
    model::Entitlement e;
    e.id = w.entitlement;
    e.cycle_id = w.cycle;
    e.program_id = w.program;
    e.registrant_id = w.household;
    e.kind = model::EntitlementKind::kInKind;
    e.state = model::EntitlementState::kApproved;
    e.item = "rice";
    e.quantity = 25;
    e.unit = "kg";
    e.amount = {0, "USD"};
    e.service_point_id = w.service_point;
    e.valid_from = *parse_date("2020-01-01");
    e.valid_until = *parse_date("2099-12-31");
    check(store.delivery().insert_entitlement(e), "entitlement");
    model::DistributionEvent ev;
    ev.id = w.event;
    ev.service_point_id = w.service_point;
    ev.program_id = w.program;
    ev.cycle_id = w.cycle;
    const UtcTime now = SystemClock::instance().now();
    ev.starts_at = now - std::chrono::hours(1);
    ev.ends_at = now + std::chrono::hours(8);
    check(store.service_points().insert_event(ev), "event");
}

}  // namespace

SyncWorld seed_sync_world(const std::string& data_dir) {
    SyncWorld w{new_uuid_v7(), new_uuid_v7(), new_uuid_v7(), new_uuid_v7(),
                new_uuid_v7(), new_uuid_v7(), new_uuid_v7(), new_uuid_v7()};
    auto store = store::open_store_in_directory(data_dir);
    check(store.status(), "open store");
    insert_program(**store, w);
    insert_household(**store, w);
    insert_distribution(**store, w);
    return w;
}

}  // namespace spmis::test

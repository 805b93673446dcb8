#include "bench_world.hpp"

#include <chrono>

#include "spmis/base/clock.hpp"

namespace spmis::bench {
namespace {

constexpr double kEntitledKg = 1'000'000;  // no benchmark load over-redeems it

Status insert_program(store::Store& store, const BenchWorld& w) {
    model::Program p;
    p.id = w.program;
    p.code = "BENCH";
    p.name = "Bench food basket";
    p.kind = model::EntitlementKind::kInKind;
    p.item = "rice";
    p.unit = "kg";
    p.quantity = kEntitledKg;
    SPMIS_RETURN_IF_ERROR(store.programs().insert_program(p));
    model::Cycle c;
    c.id = w.cycle;
    c.program_id = w.program;
    c.name = "Bench cycle";
    c.start_date = *parse_date("2020-01-01");
    c.end_date = *parse_date("2099-12-31");
    c.budget = {0, "USD"};
    SPMIS_RETURN_IF_ERROR(store.programs().insert_cycle(c));
    model::ServicePoint sp;
    sp.id = w.service_point;
    sp.code = "SP1";
    sp.name = "Bench site";
    sp.program_ids = {w.program};
    return store.service_points().insert_service_point(sp);
}

Status insert_household(store::Store& store, const BenchWorld& w, const BenchHousehold& h, std::size_t i) {
    model::Registrant group;
    group.id = h.household;
    group.kind = model::RegistrantKind::kGroup;
    group.name = "Household " + std::to_string(i);
    model::Registrant head;
    head.id = h.head;
    head.given_name = "Amina";
    head.family_name = "Diallo " + std::to_string(i);
    head.name = head.given_name + " " + head.family_name;
    head.national_id = "NID-" + std::to_string(i);
    head.birthdate = *parse_date("1980-05-01");
    SPMIS_RETURN_IF_ERROR(store.registry().insert_registrant(group));
    SPMIS_RETURN_IF_ERROR(store.registry().insert_registrant(head));
    SPMIS_RETURN_IF_ERROR(
        store.registry().put_group_membership({h.household, h.head, model::GroupMembershipKind::kHead}));
    model::ProgramMembership pm;
    pm.id = h.membership;
    pm.program_id = w.program;
    pm.registrant_id = h.household;
    pm.state = model::MembershipState::kEnrolled;
    SPMIS_RETURN_IF_ERROR(store.programs().insert_membership(pm));
    model::Entitlement e;
    e.id = h.entitlement;
    e.cycle_id = w.cycle;
    e.program_id = w.program;
    e.registrant_id = h.household;
    e.kind = model::EntitlementKind::kInKind;
    e.state = model::EntitlementState::kApproved;
    e.item = "rice";
    e.quantity = kEntitledKg;
    e.unit = "kg";
    e.amount = {0, "USD"};
    e.service_point_id = w.service_point;
    e.valid_from = *parse_date("2020-01-01");
    e.valid_until = *parse_date("2099-12-31");
    return store.delivery().insert_entitlement(e);
}

Status insert_event(store::Store& store, const BenchWorld& w, const Uuid& id) {
    model::DistributionEvent ev;
    ev.id = id;
    ev.service_point_id = w.service_point;
    ev.program_id = w.program;
    ev.cycle_id = w.cycle;
    const UtcTime now = SystemClock::instance().now();
    ev.starts_at = now - std::chrono::hours(1);
    ev.ends_at = now + std::chrono::hours(24);
    return store.service_points().insert_event(ev);
}

}  // namespace

Result<BenchWorld> seed_bench_world(store::Store& store, std::size_t households, std::size_t events) {
    BenchWorld w{new_uuid_v7(), new_uuid_v7(), new_uuid_v7(), {}, {}};
    for (std::size_t i = 0; i < events; ++i) w.events.push_back(new_uuid_v7());
    for (std::size_t i = 0; i < households; ++i)
        w.households.push_back({new_uuid_v7(), new_uuid_v7(), new_uuid_v7(), new_uuid_v7()});
    SPMIS_RETURN_IF_ERROR(store.transaction([&]() -> Status {
        SPMIS_RETURN_IF_ERROR(insert_program(store, w));
        for (const Uuid& e : w.events) SPMIS_RETURN_IF_ERROR(insert_event(store, w, e));
        for (std::size_t i = 0; i < households; ++i)
            SPMIS_RETURN_IF_ERROR(insert_household(store, w, w.households[i], i));
        return {};
    }));
    return w;
}

std::int64_t now_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

double seconds_since(std::int64_t start_ns) { return static_cast<double>(now_ns() - start_ns) / 1e9; }

}  // namespace spmis::bench

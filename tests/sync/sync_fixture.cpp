#include "sync_fixture.hpp"

#include <unistd.h>

namespace spmis::sync::testing {

void SyncServerTest::SetUp() {
    dir_ = std::filesystem::temp_directory_path() /
           ("spmis-sync-" + std::to_string(::getpid()) + "-" + new_uuid_v7().to_string());
    std::filesystem::create_directories(dir_);
    auto opened = store::open_sqlite_store({(dir_ / "spmis.db").string(), &clock_, 0});
    ASSERT_TRUE(opened.ok()) << opened.status().to_string();
    store_ = std::move(*opened);
    ServerIdentity identity{new_uuid_v7(), generate_key_pair()};
    server_ = std::make_unique<SyncServer>(*store_, clock_, identity);

    w_ = {new_uuid_v7(), new_uuid_v7(), new_uuid_v7(), new_uuid_v7(), new_uuid_v7(),
          new_uuid_v7(), new_uuid_v7(), new_uuid_v7(), new_uuid_v7(), new_uuid_v7()};
    model::Program p;
    p.id = w_.program;
    p.code = "FOOD";
    p.name = "Food basket";
    p.kind = model::EntitlementKind::kInKind;
    p.item = "rice";
    p.unit = "kg";
    p.quantity = 25;
    ASSERT_TRUE(store_->programs().insert_program(p).ok());
    model::Cycle c;
    c.id = w_.cycle;
    c.program_id = w_.program;
    c.name = "November";
    c.start_date = *parse_date("2026-11-01");
    c.end_date = *parse_date("2026-11-30");
    c.budget = {0, "USD"};
    ASSERT_TRUE(store_->programs().insert_cycle(c).ok());
    for (const auto& [id, code] : {std::pair{w_.sp1, "SP1"}, std::pair{w_.sp2, "SP2"}}) {
        model::ServicePoint sp;
        sp.id = id;
        sp.code = code;
        sp.name = std::string("Site ") + code;
        sp.program_ids = {w_.program};
        ASSERT_TRUE(store_->service_points().insert_service_point(sp).ok());
    }
    model::Registrant hh;
    hh.id = w_.household;
    hh.kind = model::RegistrantKind::kGroup;
    hh.name = "Household Achieng";
    model::Registrant m;
    m.id = w_.member;
    m.name = "Grace Achieng";
    m.given_name = "Grace";
    m.family_name = "Achieng";
    m.national_id = "NID-1";
    m.birthdate = *parse_date("1980-05-01");
    ASSERT_TRUE(store_->registry().insert_registrant(hh).ok());
    ASSERT_TRUE(store_->registry().insert_registrant(m).ok());
    ASSERT_TRUE(store_->registry()
                    .put_group_membership({w_.household, w_.member, model::GroupMembershipKind::kHead})
                    .ok());
    model::ProgramMembership pm;
    pm.id = w_.membership;
    pm.program_id = w_.program;
    pm.registrant_id = w_.household;
    pm.state = model::MembershipState::kEnrolled;
    ASSERT_TRUE(store_->programs().insert_membership(pm).ok());
    for (const auto& [id, sp] : {std::pair{w_.entitlement, w_.sp1}, std::pair{w_.sp2_entitlement, w_.sp2}}) {
        model::Entitlement e;
        e.id = id;
        e.cycle_id = w_.cycle;
        e.program_id = w_.program;
        e.registrant_id = w_.household;
        e.kind = model::EntitlementKind::kInKind;
        e.state = model::EntitlementState::kApproved;
        e.item = "rice";
        e.quantity = 25;
        e.unit = "kg";
        e.amount = {0, "USD"};
        e.service_point_id = sp;
        e.valid_from = *parse_date("2026-11-01");
        e.valid_until = *parse_date("2026-11-30");
        ASSERT_TRUE(store_->delivery().insert_entitlement(e).ok());
    }
    model::DistributionEvent ev;
    ev.id = w_.event;
    ev.service_point_id = w_.sp1;
    ev.program_id = w_.program;
    ev.cycle_id = w_.cycle;
    ev.starts_at = *parse_time("2026-11-21T08:00:00Z");
    ev.ends_at = *parse_time("2026-11-21T17:00:00Z");
    ASSERT_TRUE(store_->service_points().insert_event(ev).ok());
}

void SyncServerTest::TearDown() {
    server_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
}

SimDevice SyncServerTest::enroll(const std::vector<Uuid>& sps) {
    SimDevice d;
    auto code = server_->create_enrollment_code(sps, std::chrono::hours(24), "admin");
    EXPECT_TRUE(code.ok()) << code.status().to_string();
    auto answer =
        server_->enroll({{"code", code->code}, {"public_key", to_hex(d.keys.public_key)}, {"name", "tab"}});
    EXPECT_TRUE(answer.ok()) << answer.status().to_string();
    d.id = *Uuid::parse((*answer)["device_id"].get<std::string>());
    return d;
}

Result<PushResponse> SyncServerTest::push(const SimDevice& d, const std::vector<Operation>& ops) {
    SPMIS_ASSIGN_OR_RETURN(std::string body, server_->handle("push", d.push_body(ops)));
    return push_response_from_json(nlohmann::json::parse(body));
}

std::int64_t SyncServerTest::redeemed(const Uuid& entitlement) {
    return *store_->sync().redeemed_milli(entitlement);
}

std::int64_t SyncServerTest::open_cases(const std::string& type) {
    auto cases = server_->cases({type, std::string("open"), std::nullopt, std::nullopt});
    return cases.ok() ? static_cast<std::int64_t>(cases->size()) : -1;
}

}  // namespace spmis::sync::testing

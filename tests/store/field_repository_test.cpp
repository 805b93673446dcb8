#include "spmis/store/access_repository.hpp"
#include "spmis/store/service_point_repository.hpp"

#include "sample_records.hpp"
#include "store_fixture.hpp"

namespace spmis::store::testing {
namespace {

using FieldRepositoryTest = StoreTest;

TEST_P(FieldRepositoryTest, ServicePointsEventsAttendanceAndRedemptionsRoundTrip) {
    auto area = sample_area("SN", std::nullopt, 0);
    auto program = sample_program("FOOD");
    auto cycle = sample_cycle(program.id, 1);
    auto person = sample_individual("X", std::nullopt);
    ASSERT_TRUE(store_->registry().insert_area(area).ok());
    ASSERT_TRUE(store_->programs().insert_program(program).ok());
    ASSERT_TRUE(store_->programs().insert_cycle(cycle).ok());
    ASSERT_TRUE(store_->registry().insert_registrant(person).ok());
    auto& sps = store_->service_points();

    model::ServicePoint sp{id(), "SP-01", "Market square", area.id, 400, {program.id}};
    ASSERT_TRUE(sps.insert_service_point(sp).ok());
    EXPECT_EQ(*sps.get_service_point(sp.id), sp);
    EXPECT_EQ(*sps.list_service_points(), std::vector{sp});

    model::DistributionEvent ev{
        id(), sp.id, program.id, cycle.id, at("2026-11-05T08:00:00Z"), at("2026-11-05T16:00:00Z")};
    ASSERT_TRUE(sps.insert_event(ev).ok());
    EXPECT_EQ(*sps.get_event(ev.id), ev);
    EXPECT_EQ(*sps.list_events(sp.id), std::vector{ev});

    model::Device dev{id(),
                      "tablet-1",
                      std::nullopt,
                      "pk",
                      model::DeviceState::kActive,
                      {sp.id},
                      at("2026-10-01T00:00:00Z"),
                      std::nullopt};
    ASSERT_TRUE(store_->access().insert_device(dev).ok());
    model::Attendance a{id(), ev.id, person.id, dev.id, "officer7", at("2026-11-05T09:30:00Z")};
    ASSERT_TRUE(sps.insert_attendance(a, std::nullopt).ok());
    EXPECT_EQ(*sps.list_attendance(ev.id), std::vector{a});

    model::Entitlement e;
    e.id = id();
    e.cycle_id = cycle.id;
    e.program_id = program.id;
    e.registrant_id = person.id;
    e.amount = Money{0, "USD"};
    e.valid_from = day("2026-11-01");
    e.valid_until = day("2026-11-30");
    ASSERT_TRUE(store_->delivery().insert_entitlement(e).ok());
    model::Redemption r{id(),
                        e.id,
                        sp.id,
                        ev.id,
                        dev.id,
                        2.5,
                        Money{150, "USD"},
                        model::Recipient::kProxy,
                        "Ali",
                        "cred-1",
                        "officer7",
                        at("2026-11-05T09:31:00Z")};
    auto untouched = store_->service_points().redemption_target(e.id);
    ASSERT_TRUE(untouched.ok() && untouched->has_value());
    EXPECT_EQ((*untouched)->redeemed_milli, 0);
    ASSERT_TRUE(sps.insert_redemption(r).ok());
    EXPECT_EQ(*sps.list_redemptions(e.id), std::vector{r});

    // What a redemption on the push path is checked against, in one read: the grant and what
    // non-voided redemptions already took.
    model::Redemption second = r;
    second.id = id();
    second.quantity = 1.25;
    ASSERT_TRUE(sps.insert_redemption(second).ok());
    auto target = store_->service_points().redemption_target(e.id);
    ASSERT_TRUE(target.ok() && target->has_value());
    EXPECT_EQ((*target)->program_id, program.id);
    EXPECT_EQ((*target)->state, e.state);
    EXPECT_EQ((*target)->valid_until, e.valid_until);
    EXPECT_EQ((*target)->amount.currency, "USD");
    EXPECT_EQ((*target)->redeemed_milli, 3'750);
    ASSERT_TRUE(store_->service_points().void_redemption(r.id, "staff").ok());
    EXPECT_EQ((*store_->service_points().redemption_target(e.id))->redeemed_milli, 1'250);
    EXPECT_EQ(*store_->service_points().redeemed_milli(e.id), 1'250);
    auto unknown = store_->service_points().redemption_target(id());
    ASSERT_TRUE(unknown.ok());
    EXPECT_FALSE(unknown->has_value());
}

TEST_P(FieldRepositoryTest, UsersRoundTripWithRoles) {
    model::User u{id(),
                  "amina",
                  "Amina Diallo",
                  {model::Role::kProgramManager, model::Role::kAuditor},
                  "$argon2id$v=19$...",
                  true,
                  at("2026-01-01T00:00:00Z")};
    ASSERT_TRUE(store_->access().insert_user(u).ok());
    EXPECT_EQ(*store_->access().get_user(u.id), u);
    EXPECT_EQ(store_->access().find_user("amina")->value(), u);
    EXPECT_FALSE(store_->access().find_user("nobody")->has_value());
    u.id = id();
    EXPECT_EQ(store_->access().insert_user(u).code(), ErrorCode::kAlreadyExists);
}

TEST_P(FieldRepositoryTest, DevicesRevokeOnceWithAudit) {
    model::Device d{id(),
                    "tablet-2",
                    std::nullopt,
                    "pk2",
                    model::DeviceState::kActive,
                    {},
                    at("2026-01-01T00:00:00Z"),
                    std::nullopt};
    ASSERT_TRUE(store_->access().insert_device(d).ok());
    EXPECT_EQ(*store_->access().get_device(d.id), d);
    ASSERT_TRUE(store_->access().transition_device(d.id, model::DeviceState::kRevoked, "admin", "lost").ok());
    auto revoked = *store_->access().get_device(d.id);
    EXPECT_EQ(revoked.state, model::DeviceState::kRevoked);
    EXPECT_EQ(revoked.revoked_at, clock_.now());
    EXPECT_EQ(store_->access().transition_device(d.id, model::DeviceState::kActive, "admin", "").code(),
              ErrorCode::kIllegalTransition);
    EXPECT_EQ(store_->audit().list_for_record(d.id)->size(), 1u);
    EXPECT_EQ(store_->access().list_devices()->size(), 1u);
}

SPMIS_INSTANTIATE_STORE_TESTS(FieldRepositoryTest);

}  // namespace
}  // namespace spmis::store::testing

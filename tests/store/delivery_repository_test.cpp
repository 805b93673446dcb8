#include "spmis/store/delivery_repository.hpp"
#include "spmis/store/audit_repository.hpp"

#include "sample_records.hpp"
#include "store_fixture.hpp"

namespace spmis::store::testing {
namespace {

using model::EntitlementState;

class DeliveryRepositoryTest : public StoreTest {
protected:
    void SetUp() override {
        StoreTest::SetUp();
        ASSERT_TRUE(store_->programs().insert_program(program_).ok());
        ASSERT_TRUE(store_->programs().insert_cycle(cycle_).ok());
        ASSERT_TRUE(store_->registry().insert_registrant(person_).ok());
    }

    model::Entitlement entitlement() const {
        model::Entitlement e;
        e.id = id();
        e.cycle_id = cycle_.id;
        e.program_id = program_.id;
        e.registrant_id = person_.id;
        e.kind = model::EntitlementKind::kVoucher;
        e.state = EntitlementState::kDraft;
        e.amount = Money{2'500, "USD"};
        e.item = "rice";
        e.quantity = 12.5;
        e.unit = "kg";
        e.voucher_code = "V-0001";
        e.valid_from = day("2026-11-01");
        e.valid_until = day("2026-12-31");
        e.created_at = at("2026-10-05T10:00:00Z");
        return e;
    }

    model::Program program_ = sample_program("P");
    model::Cycle cycle_ = sample_cycle(program_.id, 1);
    model::Registrant person_ = sample_individual("X", std::nullopt);
};

TEST_P(DeliveryRepositoryTest, EntitlementsRoundTripAndTransitionWithAudit) {
    auto e = entitlement();
    ASSERT_TRUE(store_->delivery().insert_entitlement(e).ok());
    EXPECT_EQ(*store_->delivery().get_entitlement(e.id), e);
    EXPECT_EQ(*store_->delivery().list_entitlements(cycle_.id), std::vector{e});
    ASSERT_TRUE(
        store_->delivery().transition_entitlement(e.id, EntitlementState::kPendingApproval, "fin", "").ok());
    Status bad = store_->delivery().transition_entitlement(e.id, EntitlementState::kPaid, "fin", "");
    EXPECT_EQ(bad.code(), ErrorCode::kIllegalTransition);
    EXPECT_NE(bad.message().find("'pending_approval' to 'paid'"), std::string::npos) << bad.message();
    EXPECT_EQ(store_->delivery().get_entitlement(e.id)->state, EntitlementState::kPendingApproval);
    EXPECT_EQ(store_->audit().list_for_record(e.id)->size(), 1u);
}

TEST_P(DeliveryRepositoryTest, PaymentBatchesAndPaymentsRoundTrip) {
    auto e = entitlement();
    ASSERT_TRUE(store_->delivery().insert_entitlement(e).ok());
    model::PaymentBatch b{id(),
                          cycle_.id,
                          "MobileMoneyCo",
                          model::PaymentBatchState::kExported,
                          at("2026-11-02T09:00:00Z"),
                          model::ProviderKind::kMobileMoney,
                          std::string(64, 'a'),
                          at("2026-11-02T10:00:00Z")};
    ASSERT_TRUE(store_->delivery().insert_payment_batch(b).ok());
    EXPECT_EQ(*store_->delivery().get_payment_batch(b.id), b);
    model::Payment p{id(),
                     b.id,
                     e.id,
                     Money{2'500, "USD"},
                     model::PaymentStatus::kFailed,
                     "REF-9",
                     "account closed",
                     at("2026-11-03T09:00:00Z")};
    ASSERT_TRUE(store_->delivery().insert_payment(p).ok());
    EXPECT_EQ(*store_->delivery().get_payment(p.id), p);
    EXPECT_EQ(*store_->delivery().list_payments(b.id), std::vector{p});
    p.id = id();
    p.entitlement_id = id();
    EXPECT_EQ(store_->delivery().insert_payment(p).code(), ErrorCode::kNotFound);
}

TEST_P(DeliveryRepositoryTest, BulkInsertKeepsOrderAndRefusesAllOnADuplicate) {
    std::vector<model::Entitlement> es{entitlement(), entitlement(), entitlement()};
    ASSERT_TRUE(store_->delivery().insert_entitlements(es).ok());
    EXPECT_EQ(*store_->delivery().list_entitlements(cycle_.id), es);
    std::vector<model::Entitlement> again{entitlement(), es[1]};  // the second one already exists
    EXPECT_EQ(store_->delivery().insert_entitlements(again).code(), ErrorCode::kAlreadyExists);
    EXPECT_EQ(store_->delivery().list_entitlements(cycle_.id)->size(), 3u);  // nothing of `again` stayed
}

TEST_P(DeliveryRepositoryTest, CycleTransitionMovesOnlyTheStateAskedWithOneAuditEventPerStepInEveryTrail) {
    std::vector<model::Entitlement> drafts{entitlement(), entitlement(), entitlement()};
    auto pending = entitlement();
    pending.state = EntitlementState::kPendingApproval;
    ASSERT_TRUE(store_->delivery().insert_entitlements(drafts).ok());
    ASSERT_TRUE(store_->delivery().insert_entitlement(pending).ok());
    const auto audit_before = *store_->audit().count();
    auto moved = store_->delivery().transition_cycle_entitlements(
        cycle_.id, EntitlementState::kDraft,
        {{EntitlementState::kPendingApproval, "submitted"}, {EntitlementState::kApproved, "cycle approved"}},
        "fin");
    ASSERT_TRUE(moved.ok()) << moved.status().to_string();
    EXPECT_EQ(*moved, drafts.size());
    // One event per step for the set, named by the cycle; each entitlement's trail shows both.
    EXPECT_EQ(*store_->audit().count(), audit_before + 2);
    auto set_events = *store_->audit().list_for_record(cycle_.id);
    ASSERT_EQ(set_events.size(), 2u);
    EXPECT_EQ(set_events[0].record_kind, "entitlements");
    EXPECT_EQ(set_events[1].after, R"({"state":"approved"})");
    for (const auto& d : drafts) {
        EXPECT_EQ(store_->delivery().get_entitlement(d.id)->state, EntitlementState::kApproved);
        auto events = *store_->audit().list_for_record(d.id);
        ASSERT_EQ(events.size(), 2u);
        EXPECT_EQ(events[0].id, set_events[0].id);
        EXPECT_EQ(events[0].record_kind, "entitlement");
        EXPECT_EQ(events[0].record_id, d.id);
        EXPECT_EQ(events[0].action, "transition");
        EXPECT_EQ(events[0].actor, "fin");
        EXPECT_EQ(events[0].before, R"({"state":"draft"})");
        EXPECT_EQ(events[0].after, R"({"state":"pending_approval"})");
        EXPECT_EQ(events[0].reason, "submitted");
        EXPECT_EQ(events[1].after, R"({"state":"approved"})");
        EXPECT_EQ(events[1].reason, "cycle approved");
    }
    // The audit search by record shows the same trail, pages through it, and filters by actor.
    store::AuditQuery q;
    q.record_id = drafts[1].id;
    EXPECT_EQ(*store_->audit().search(q), *store_->audit().list_for_record(drafts[1].id));
    q.limit = 1;
    auto first_page = *store_->audit().search(q);
    ASSERT_EQ(first_page.size(), 1u);
    q.after_id = first_page[0].id;
    auto second_page = *store_->audit().search(q);
    ASSERT_EQ(second_page.size(), 1u);
    EXPECT_EQ(second_page[0].reason, "cycle approved");
    q = {};
    q.record_id = drafts[1].id;
    q.actor = "somebody else";
    EXPECT_TRUE(store_->audit().search(q)->empty());
    // The entitlement that was pending before is not on the path's first state: untouched.
    EXPECT_EQ(store_->delivery().get_entitlement(pending.id)->state, EntitlementState::kPendingApproval);
    EXPECT_TRUE(store_->audit().list_for_record(pending.id)->empty());
    // An illegal path changes nothing.
    auto bad = store_->delivery().transition_cycle_entitlements(cycle_.id, EntitlementState::kApproved,
                                                                {{EntitlementState::kDraft, "back"}}, "fin");
    EXPECT_EQ(bad.status().code(), ErrorCode::kIllegalTransition);
    EXPECT_EQ(store_->delivery().get_entitlement(drafts[0].id)->state, EntitlementState::kApproved);
    // Nothing left in the state: zero moved, no audit.
    const auto audit_after = *store_->audit().count();
    auto none = store_->delivery().transition_cycle_entitlements(
        cycle_.id, EntitlementState::kDraft, {{EntitlementState::kPendingApproval, "submitted"}}, "fin");
    ASSERT_TRUE(none.ok());
    EXPECT_EQ(*none, 0u);
    EXPECT_EQ(*store_->audit().count(), audit_after);
}

TEST_P(DeliveryRepositoryTest, BulkWritesGiveEveryRowItsOwnSyncStamp) {
    model::ServicePoint sp{id(), "SP-1", "Hall", std::nullopt, 100, {program_.id}};
    ASSERT_TRUE(store_->service_points().insert_service_point(sp).ok());
    std::vector<model::Entitlement> es{entitlement(), entitlement(), entitlement()};
    for (auto& e : es) e.service_point_id = sp.id;
    ASSERT_TRUE(store_->delivery().insert_entitlements(es).ok());
    const auto stamps = [&](std::int64_t cursor) {
        std::vector<std::int64_t> out;
        const auto changes = store_->change_feed().changes_after({sp.id}, cursor, 100);
        EXPECT_TRUE(changes.ok()) << changes.status().to_string();
        if (!changes.ok()) return out;
        for (const auto& c : *changes)
            if (c.kind == "entitlement") out.push_back(c.server_seq);
        return out;
    };
    auto inserted = stamps(0);
    ASSERT_EQ(inserted.size(), es.size());
    EXPECT_LT(inserted[0], inserted[1]);
    EXPECT_LT(inserted[1], inserted[2]);
    // A bulk state change restamps every row above the old stamps, so devices pull it.
    ASSERT_TRUE(store_->delivery()
                    .transition_cycle_entitlements(cycle_.id, EntitlementState::kDraft,
                                                   {{EntitlementState::kPendingApproval, "submitted"}}, "fin")
                    .ok());
    auto changed = stamps(inserted.back());
    ASSERT_EQ(changed.size(), es.size());
    EXPECT_LT(changed[0], changed[1]);
    EXPECT_LT(changed[1], changed[2]);
    // A single-row change is still stamped by the trigger, above everything before it.
    ASSERT_TRUE(
        store_->delivery().transition_entitlement(es[0].id, EntitlementState::kApproved, "fin", "one").ok());
    EXPECT_EQ(stamps(changed.back()).size(), 1u);
}

SPMIS_INSTANTIATE_STORE_TESTS(DeliveryRepositoryTest);

}  // namespace
}  // namespace spmis::store::testing

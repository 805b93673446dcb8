#include "spmis/store/delivery_repository.hpp"

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

SPMIS_INSTANTIATE_STORE_TESTS(DeliveryRepositoryTest);

}  // namespace
}  // namespace spmis::store::testing

// Entitlement expiry: approved entitlements past valid_until expire; drafts, pending, paid and
// still-valid ones are left alone; a second run changes nothing.

#include "spmis/programs/expiry.hpp"
#include "approval_fixture.hpp"
#include "spmis/programs/cycles.hpp"

namespace spmis::approvals::testing {
namespace {

using model::EntitlementState;

class EntitlementExpiryTest : public ApprovalTest {};

TEST_F(EntitlementExpiryTest, ExpiresOnlyApprovedEntitlementsPastValidUntil) {
    auto& store = *store_;
    ASSERT_TRUE(
        programs::approve_cycle(store, cycle_, "boss").ok());  // the two drafts: approved, valid 30 days
    const Uuid past = add_entitlement(EntitlementState::kApproved, day(-1));
    const Uuid today = add_entitlement(EntitlementState::kApproved, day(0));
    const Uuid draft = add_entitlement(EntitlementState::kDraft, day(-5));
    const Uuid paid = add_entitlement(EntitlementState::kPaid, day(-5));

    auto expired = programs::expire_entitlements(store, day(0));
    ASSERT_TRUE(expired.ok()) << expired.status().to_string();
    EXPECT_EQ(*expired, 1u);
    EXPECT_EQ(store.delivery().get_entitlement(past)->state, EntitlementState::kExpired);
    EXPECT_EQ(store.delivery().get_entitlement(today)->state, EntitlementState::kApproved);  // last valid day
    EXPECT_EQ(store.delivery().get_entitlement(draft)->state, EntitlementState::kDraft);
    EXPECT_EQ(store.delivery().get_entitlement(paid)->state, EntitlementState::kPaid);
    EXPECT_EQ(*programs::expire_entitlements(store, day(0)), 0u);

    EXPECT_EQ(*programs::expire_entitlements(store, day(31)), 3u);  // the cycle's end passed
    auto events = *store.audit().list_for_record(past);
    ASSERT_FALSE(events.empty());
    EXPECT_EQ(events.back().actor, "system");
}

}  // namespace
}  // namespace spmis::approvals::testing

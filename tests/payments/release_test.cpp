// The payment_release approval of a batch at library level: a chain holds the export until the
// request is approved; a rejection keeps it held; without a chain nothing is held.

#include <gtest/gtest.h>

#include "payment_flow_fixture.hpp"
#include "spmis/approvals/chains.hpp"
#include "spmis/base/clock.hpp"
#include "spmis/payments/batches.hpp"
#include "spmis/payments/payment_file.hpp"
#include "spmis/payments/release.hpp"

namespace spmis::payments {
namespace {

using testing::PaymentFlowTest;

class ReleaseTest : public PaymentFlowTest {
protected:
    // A one-level payment_release chain: the user "boss" approves.
    void configure_release_chain(const Uuid& program_id) {
        model::ApprovalChain chain;
        chain.program_id = program_id;
        chain.action = model::ApprovalAction::kPaymentRelease;
        chain.levels = {model::ApprovalLevel{std::nullopt, {"boss"}, "", 1}};
        ASSERT_TRUE(approvals::put_chain(*store_, chain, "mgr", SystemClock::instance().now()).ok());
    }

    Result<model::ApprovalRequest> decide(const Uuid& request, model::ApprovalVerdict verdict) {
        approvals::DecisionInput input{"boss", verdict, "checked", "", SystemClock::instance().now()};
        return approvals::decide(*store_, release_handlers(), request, input);
    }
};

TEST_F(ReleaseTest, ExportWaitsForTheReleaseApproval) {
    auto cycle = approved_cycle("CHILD_GRANT");
    configure_release_chain(cycle.program_id);
    auto batch = create_batch(*store_, cycle.id, {model::ProviderKind::kBank, "Bank", "fin"});
    ASSERT_TRUE(batch.ok()) << batch.status().to_string();
    ASSERT_TRUE(batch->release.has_value());
    EXPECT_EQ(batch->release->record_id, batch->batch.id);
    auto held = export_batch(*store_, batch->batch.id, "fin");
    ASSERT_EQ(held.status().code(), ErrorCode::kConflict);
    EXPECT_NE(held.status().message().find("pending"), std::string::npos) << held.status().to_string();
    EXPECT_TRUE(store_->delivery().get_payment_batch(batch->batch.id)->file_sha256.empty());

    ASSERT_TRUE(decide(batch->release->id, model::ApprovalVerdict::kApprove).ok());
    auto file = export_batch(*store_, batch->batch.id, "fin");
    ASSERT_TRUE(file.ok()) << file.status().to_string();
    EXPECT_EQ(file->lines, batch->payments);
}

TEST_F(ReleaseTest, RejectedReleaseStaysHeldAndNoChainHoldsNothing) {
    auto cycle = approved_cycle("CHILD_GRANT");
    auto free_batch = create_batch(*store_, cycle.id, {model::ProviderKind::kBank, "Bank", "fin"});
    ASSERT_TRUE(free_batch.ok());
    EXPECT_FALSE(free_batch->release.has_value());
    EXPECT_TRUE(check_released(*store_, free_batch->batch.id).ok());

    auto pension = approved_cycle("ELDERLY_PENSION");
    configure_release_chain(pension.program_id);
    auto batch = create_batch(*store_, pension.id, {model::ProviderKind::kBank, "Bank", "fin"});
    ASSERT_TRUE(batch.ok() && batch->release.has_value());
    ASSERT_TRUE(decide(batch->release->id, model::ApprovalVerdict::kReject).ok());
    auto held = export_batch(*store_, batch->batch.id, "fin");
    ASSERT_EQ(held.status().code(), ErrorCode::kConflict);
    EXPECT_NE(held.status().message().find("rejected"), std::string::npos);
}

}  // namespace
}  // namespace spmis::payments

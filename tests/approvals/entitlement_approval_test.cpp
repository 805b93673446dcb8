// The entitlement_approval step after a cycle is approved (chain decided, or direct approval), and
// ending a program cancelling every pending request of it, on a real store.

#include "approval_fixture.hpp"
#include "spmis/approvals/chains.hpp"
#include "spmis/approvals/engine.hpp"
#include "spmis/programs/cycle_workflow.hpp"
#include "spmis/programs/program_lifecycle.hpp"

namespace spmis::approvals::testing {
namespace {

using model::ApprovalAction;
using model::ApprovalState;
using model::ApprovalVerdict;
using model::CycleState;
using model::EntitlementState;

class EntitlementApprovalTest : public ApprovalTest {
protected:
    // entitlement_approval: one finance officer, then the named user "boss".
    void configure_entitlement_chain() {
        model::ApprovalLevel officers;
        officers.role = model::Role::kFinanceOfficer;
        model::ApprovalLevel boss;
        boss.users = {"boss"};
        model::ApprovalChain chain{program_, ApprovalAction::kEntitlementApproval, {officers, boss}, "", {}};
        ASSERT_TRUE(put_chain(*store_, chain, "admin", now()).ok());
    }

    Result<model::ApprovalRequest> act(const Uuid& request, const std::string& actor,
                                       ApprovalVerdict verdict = ApprovalVerdict::kApprove) {
        DecisionInput input{actor, verdict, "by " + actor, "", now()};
        return decide(*store_, programs::approval_handlers(), request, input);
    }

    // Submits the cycle and approves it at the default single level; returns the request then
    // pending on the cycle (the entitlement one), or nullopt.
    std::optional<model::ApprovalRequest> approve_cycle_through_its_request() {
        auto submitted = programs::submit_cycle(*store_, cycle_, "maker", now());
        EXPECT_TRUE(submitted.ok()) << submitted.status().to_string();
        if (!submitted.ok()) return std::nullopt;
        auto decided = act(submitted->id, "fo1");
        EXPECT_TRUE(decided.ok()) << decided.status().to_string();
        EXPECT_EQ(decided->state, ApprovalState::kApproved);
        auto pending = pending_request_for(*store_, cycle_);
        EXPECT_TRUE(pending.ok());
        return pending.ok() ? *pending : std::nullopt;
    }

    std::vector<EntitlementState> all(EntitlementState s) { return {s, s}; }
};

TEST_F(EntitlementApprovalTest, WithoutAChainTheCycleApprovalApprovesTheEntitlementsAsBefore) {
    auto pending = approve_cycle_through_its_request();
    EXPECT_FALSE(pending.has_value());
    EXPECT_EQ(cycle_state(), CycleState::kApproved);
    EXPECT_EQ(entitlement_states(), all(EntitlementState::kApproved));
}

TEST_F(EntitlementApprovalTest, ChainKeepsEntitlementsPendingUntilItsLastLevelApproves) {
    configure_entitlement_chain();
    auto request = approve_cycle_through_its_request();
    ASSERT_TRUE(request.has_value());
    EXPECT_EQ(request->action, ApprovalAction::kEntitlementApproval);
    EXPECT_EQ(request->requester, "maker");  // the cycle's submitter: still may not approve
    EXPECT_EQ(cycle_state(), CycleState::kApproved);
    EXPECT_EQ(entitlement_states(), all(EntitlementState::kPendingApproval));
    EXPECT_TRUE(store_->payments().payable_entitlements(cycle_)->empty());

    EXPECT_EQ(act(request->id, "maker").status().code(), ErrorCode::kPermissionDenied);
    ASSERT_TRUE(act(request->id, "fo2").ok());
    EXPECT_EQ(entitlement_states(), all(EntitlementState::kPendingApproval));  // level 2 still to come
    auto done = act(request->id, "boss");
    ASSERT_TRUE(done.ok()) << done.status().to_string();
    EXPECT_EQ(done->state, ApprovalState::kApproved);
    EXPECT_EQ(entitlement_states(), all(EntitlementState::kApproved));
    EXPECT_EQ(store_->payments().payable_entitlements(cycle_)->size(), 2u);
}

TEST_F(EntitlementApprovalTest, RejectionReturnsEntitlementsThroughRejectedAndTheCycleToDraft) {
    configure_entitlement_chain();
    auto request = approve_cycle_through_its_request();
    ASSERT_TRUE(request.has_value());
    auto rejected = act(request->id, "fo2", ApprovalVerdict::kReject);
    ASSERT_TRUE(rejected.ok()) << rejected.status().to_string();
    EXPECT_EQ(rejected->state, ApprovalState::kRejected);
    EXPECT_EQ(cycle_state(), CycleState::kDraft);
    EXPECT_EQ(entitlement_states(), all(EntitlementState::kDraft));
    const auto trail =
        *store_->audit().list_for_record(store_->delivery().list_entitlements(cycle_)->front().id);
    ASSERT_GE(trail.size(), 2u);
    EXPECT_NE(trail[trail.size() - 2].after.find("rejected"), std::string::npos);
    EXPECT_NE(trail.back().after.find("draft"), std::string::npos);
    // Corrected and submitted again, the cycle walks both approvals once more.
    auto again = approve_cycle_through_its_request();
    ASSERT_TRUE(again.has_value());
    EXPECT_NE(again->id, request->id);
}

TEST_F(EntitlementApprovalTest, DirectApprovalOpensTheEntitlementRequestToo) {
    configure_entitlement_chain();
    auto report = programs::approve_cycle(*store_, cycle_, "boss");
    ASSERT_TRUE(report.ok()) << report.status().to_string();
    ASSERT_TRUE(report->entitlement_request.has_value());
    EXPECT_EQ(report->approved, 0u);
    EXPECT_EQ(report->entitlement_request->requester, "boss");
    EXPECT_EQ(cycle_state(), CycleState::kApproved);
    EXPECT_EQ(entitlement_states(), all(EntitlementState::kPendingApproval));
    EXPECT_EQ(act(report->entitlement_request->id, "boss").status().code(), ErrorCode::kPermissionDenied);
}

TEST_F(EntitlementApprovalTest, EndingTheProgramCancelsItsPendingRequestsWhichCannotBeDecided) {
    configure_entitlement_chain();
    auto request = approve_cycle_through_its_request();
    ASSERT_TRUE(request.has_value());
    ASSERT_TRUE(
        programs::move_program(*store_, program_, model::ProgramState::kEnded, "boss", "closed").ok());
    auto after = store_->approvals().get_request(request->id);
    ASSERT_TRUE(after.ok());
    EXPECT_EQ(after->state, ApprovalState::kCancelled);
    EXPECT_TRUE(after->decided_at.has_value());
    EXPECT_EQ(cycle_state(), CycleState::kCancelled);
    EXPECT_EQ(entitlement_states(), all(EntitlementState::kCancelled));
    EXPECT_EQ(act(request->id, "fo2").status().code(), ErrorCode::kFailedPrecondition);
    const auto trail = *store_->audit().list_for_record(request->id);
    ASSERT_FALSE(trail.empty());
    EXPECT_EQ(trail.back().action, "cancel");
    EXPECT_EQ(trail.back().actor, "boss");
    EXPECT_EQ(trail.back().reason, "program ended");
}

}  // namespace
}  // namespace spmis::approvals::testing

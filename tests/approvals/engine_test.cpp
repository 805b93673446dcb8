// The approval engine over a real store: level routing with counts and named users, delegation
// inside and outside its range, a delegation ended early, self and double approval, reject restoring
// the cycle, history.

#include "spmis/approvals/engine.hpp"
#include "approval_fixture.hpp"
#include "spmis/approvals/chains.hpp"
#include "spmis/approvals/delegations.hpp"
#include "spmis/programs/cycle_workflow.hpp"
#include "spmis/store/kill_switch.hpp"

namespace spmis::approvals::testing {
namespace {

using model::ApprovalState;
using model::ApprovalVerdict;
using model::CycleState;
using model::EntitlementState;

class EngineTest : public ApprovalTest {
protected:
    // Level 1: two finance officers; level 2: the named user "boss".
    void configure_two_levels() {
        model::ApprovalLevel officers;
        officers.role = model::Role::kFinanceOfficer;
        officers.required = 2;
        model::ApprovalLevel boss;
        boss.users = {"boss"};
        model::ApprovalChain chain{program_, model::ApprovalAction::kCycleApproval, {officers, boss}, "", {}};
        ASSERT_TRUE(put_chain(*store_, chain, "admin", now()).ok());
    }

    Uuid submit() {
        auto request = programs::submit_cycle(*store_, cycle_, "maker", now());
        EXPECT_TRUE(request.ok()) << request.status().to_string();
        return request.ok() ? request->id : Uuid{};
    }

    Result<model::ApprovalRequest> act(const Uuid& request, const std::string& actor,
                                       ApprovalVerdict verdict = ApprovalVerdict::kApprove,
                                       const std::string& on_behalf_of = "") {
        DecisionInput input{actor, verdict, "ok by " + actor, on_behalf_of, now()};
        return decide(*store_, programs::approval_handlers(), request, input);
    }

    Uuid delegate(const std::string& from_user, const std::string& to_user, int first, int last) {
        model::Delegation d;
        d.delegator = from_user;
        d.delegate = to_user;
        d.from = day(first);
        d.until = day(last);
        auto stored = add_delegation(*store_, d, now());
        EXPECT_TRUE(stored.ok()) << stored.status().to_string();
        return stored.ok() ? stored->id : Uuid{};
    }

    Status end(const Uuid& delegation, const std::string& actor, bool administrator = false) {
        return end_delegation(*store_, delegation, {actor, administrator, "back early", now()}).status();
    }
};

TEST_F(EngineTest, RoutesThroughTwoLevelsWithCountsAndNamedUserThenApprovesTheCycle) {
    configure_two_levels();
    const Uuid id = submit();
    EXPECT_EQ(cycle_state(), CycleState::kToApprove);
    EXPECT_EQ(entitlement_states(),
              (std::vector{EntitlementState::kPendingApproval, EntitlementState::kPendingApproval}));

    auto first = act(id, "fo1");
    ASSERT_TRUE(first.ok()) << first.status().to_string();
    EXPECT_EQ(first->current_level, 0);                                        // needs two officers
    EXPECT_EQ(act(id, "boss").status().code(), ErrorCode::kPermissionDenied);  // not level 1
    auto second = act(id, "fo2");
    ASSERT_TRUE(second.ok()) << second.status().to_string();
    EXPECT_EQ(second->current_level, 1);
    EXPECT_EQ(second->state, ApprovalState::kPending);
    EXPECT_EQ(cycle_state(), CycleState::kToApprove);

    auto last = act(id, "boss");
    ASSERT_TRUE(last.ok()) << last.status().to_string();
    EXPECT_EQ(last->state, ApprovalState::kApproved);
    EXPECT_TRUE(last->decided_at.has_value());
    EXPECT_EQ(cycle_state(), CycleState::kApproved);
    EXPECT_EQ(entitlement_states(), (std::vector{EntitlementState::kApproved, EntitlementState::kApproved}));
    EXPECT_EQ(act(id, "fo1").status().code(), ErrorCode::kFailedPrecondition);  // closed
}

TEST_F(EngineTest, RefusesTheRequesterAndUsersOutsideTheLevel) {
    configure_two_levels();
    const Uuid id = submit();
    auto own = act(id, "maker");  // a finance officer, but the requester
    EXPECT_EQ(own.status().code(), ErrorCode::kPermissionDenied);
    EXPECT_NE(own.status().message().find("own request"), std::string::npos);
    EXPECT_EQ(act(id, "alice").status().code(), ErrorCode::kPermissionDenied);
    EXPECT_TRUE(store_->approvals().list_decisions(id)->empty());
}

TEST_F(EngineTest, RefusesASecondDecisionBySameUser) {
    configure_two_levels();
    const Uuid id = submit();
    ASSERT_TRUE(act(id, "fo1").ok());
    EXPECT_EQ(act(id, "fo1").status().code(), ErrorCode::kConflict);
    EXPECT_EQ(act(id, "fo1", ApprovalVerdict::kReject).status().code(), ErrorCode::kConflict);
    EXPECT_EQ(store_->approvals().get_request(id)->current_level, 0);  // one officer counted once
}

TEST_F(EngineTest, DelegateActsForDelegatorInsideTheRangeAndBothAreRecorded) {
    configure_two_levels();
    delegate("boss", "deputy", -1, 1);
    const Uuid id = submit();
    ASSERT_TRUE(act(id, "fo1").ok());
    ASSERT_TRUE(act(id, "fo2").ok());
    auto done = act(id, "deputy");
    ASSERT_TRUE(done.ok()) << done.status().to_string();
    EXPECT_EQ(done->state, ApprovalState::kApproved);
    auto history = *store_->approvals().list_decisions(id);
    ASSERT_EQ(history.size(), 3u);
    EXPECT_EQ(history[2].actor, "deputy");
    EXPECT_EQ(history[2].on_behalf_of, "boss");
    EXPECT_EQ(history[2].level, 1);
}

TEST_F(EngineTest, DelegationOutsideItsRangeGivesNoRight) {
    configure_two_levels();
    delegate("boss", "deputy", -10, -1);  // ended yesterday
    delegate("boss", "alice", 1, 5);      // starts tomorrow
    const Uuid id = submit();
    ASSERT_TRUE(act(id, "fo1").ok());
    ASSERT_TRUE(act(id, "fo2").ok());
    EXPECT_EQ(act(id, "deputy").status().code(), ErrorCode::kPermissionDenied);
    EXPECT_EQ(act(id, "alice").status().code(), ErrorCode::kPermissionDenied);
    EXPECT_EQ(act(id, "alice", ApprovalVerdict::kApprove, "boss").status().code(),
              ErrorCode::kPermissionDenied);
}

TEST_F(EngineTest, AnEndedDelegationGivesNoRightAndOnlyTheDelegatorOrAnAdministratorEndsIt) {
    configure_two_levels();
    const Uuid leave = delegate("boss", "deputy", -1, 10);
    const Uuid later = delegate("boss", "alice", 2, 5);
    const Uuid past = delegate("boss", "alice", -10, -1);
    const Uuid id = submit();
    ASSERT_TRUE(act(id, "fo1").ok());
    ASSERT_TRUE(act(id, "fo2").ok());
    EXPECT_EQ(actionable_requests(*store_, "deputy", now())->size(), 1u);

    EXPECT_EQ(end(leave, "deputy").code(), ErrorCode::kPermissionDenied);  // the delegate
    EXPECT_EQ(end(leave, "fo1").code(), ErrorCode::kPermissionDenied);
    EXPECT_EQ(end(new_uuid_v7(), "boss").code(), ErrorCode::kNotFound);
    EXPECT_EQ(end(past, "boss").code(), ErrorCode::kConflict);  // over by itself
    ASSERT_TRUE(end(leave, "boss").ok());
    EXPECT_EQ(end(leave, "boss").code(), ErrorCode::kConflict);
    ASSERT_TRUE(end(later, "admin", true).ok());  // not started yet: withdrawn before it starts

    const model::Delegation ended = *store_->approvals().get_delegation(leave);
    EXPECT_EQ(ended.ended_by, "boss");
    EXPECT_TRUE(ended.ended_at.has_value());
    EXPECT_EQ(ended.until, day(10));  // the range given stays as it was
    EXPECT_EQ(store_->approvals().get_delegation(later)->ended_by, "admin");
    EXPECT_FALSE(store_->approvals().get_delegation(past)->ended_at.has_value());
    EXPECT_TRUE(actionable_requests(*store_, "deputy", now())->empty());
    EXPECT_EQ(act(id, "deputy").status().code(), ErrorCode::kPermissionDenied);
    const auto trail = *store_->audit().list_for_record(leave);
    ASSERT_EQ(trail.size(), 2u);
    EXPECT_EQ(trail[1].action, "end");
    EXPECT_EQ(trail[1].actor, "boss");
    EXPECT_EQ(trail[1].reason, "delegation of boss to deputy ended by boss: back early");
    ASSERT_TRUE(act(id, "boss").ok());
}

TEST_F(EngineTest, DelegateOfTheRequesterCannotApproveForThem) {
    delegate("maker", "alice", -1, 1);
    const Uuid id = submit();  // default chain: any finance_manage role
    EXPECT_EQ(act(id, "alice").status().code(), ErrorCode::kPermissionDenied);
    EXPECT_EQ(act(id, "alice", ApprovalVerdict::kApprove, "maker").status().code(),
              ErrorCode::kPermissionDenied);
}

TEST_F(EngineTest, RejectReturnsCycleAndEntitlementsToDraftAndAllowsResubmission) {
    configure_two_levels();
    const Uuid id = submit();
    ASSERT_TRUE(act(id, "fo1").ok());
    auto rejected = act(id, "fo2", ApprovalVerdict::kReject);
    ASSERT_TRUE(rejected.ok()) << rejected.status().to_string();
    EXPECT_EQ(rejected->state, ApprovalState::kRejected);
    EXPECT_EQ(cycle_state(), CycleState::kDraft);
    EXPECT_EQ(entitlement_states(), (std::vector{EntitlementState::kDraft, EntitlementState::kDraft}));
    const Uuid again = submit();
    EXPECT_NE(again, id);
    EXPECT_EQ(cycle_state(), CycleState::kToApprove);
}

TEST_F(EngineTest, KeepsFullHistoryAndAuditsEveryDecision) {
    configure_two_levels();
    const Uuid id = submit();
    ASSERT_TRUE(act(id, "fo1").ok());
    ASSERT_TRUE(act(id, "fo2").ok());
    ASSERT_TRUE(act(id, "boss", ApprovalVerdict::kReject).ok());
    auto history = *store_->approvals().list_decisions(id);
    ASSERT_EQ(history.size(), 3u);
    EXPECT_EQ(history[0].actor, "fo1");
    EXPECT_EQ(history[0].comment, "ok by fo1");
    EXPECT_EQ(history[1].level, 0);
    EXPECT_EQ(history[2].verdict, ApprovalVerdict::kReject);
    EXPECT_EQ(history[2].level, 1);
    std::vector<std::string> actions;
    const auto events = *store_->audit().list_for_record(id);
    for (const auto& e : events) actions.push_back(e.action);
    EXPECT_EQ(actions, (std::vector<std::string>{"create", "approve", "approve", "reject"}));
}

TEST_F(EngineTest, WithoutChainOneApprovalByAFinanceRoleApproves) {
    const Uuid id = submit();
    auto request = store_->approvals().get_request(id);
    ASSERT_EQ(request->levels.size(), 1u);
    EXPECT_EQ(act(id, "alice").status().code(), ErrorCode::kPermissionDenied);  // viewer
    auto done = act(id, "boss");                                                // manager: finance_manage
    ASSERT_TRUE(done.ok()) << done.status().to_string();
    EXPECT_EQ(done->state, ApprovalState::kApproved);
    EXPECT_EQ(cycle_state(), CycleState::kApproved);
}

// Regression (found by route_fuzz_test): a storage failure while checking whether the user may decide
// a request left that request out, so the inbox answered 200 with nothing to approve. Every statement
// step of the listing fails once in turn: the listing then fails, or lists the request.
TEST_F(EngineTest, ActionableFailsRatherThanShortensWhenAReadFails) {
    configure_two_levels();
    submit();
    KillSwitch faults;
    auto watched =
        database_.postgres()
            ? store::open_postgres_store(store::PostgresStoreOptions{database_.url(), nullptr, 0, &faults})
            : store::open_sqlite_store_watched(store::StoreOptions{dir_.file("spmis.db")}, faults);
    ASSERT_TRUE(watched.ok()) << watched.status().to_string();
    for (std::int64_t step = 1;; ++step) {
        faults.arm_step_fault(step, StepFault::kError);
        Result<std::vector<model::ApprovalRequest>> listed = make_error(ErrorCode::kInternal, "not run");
        const Status st = (*watched)->transaction([&]() -> Status {
            listed = actionable_requests(**watched, "fo1", now());
            return listed.status();
        });
        if (!faults.step_fault_fired()) {
            ASSERT_TRUE(st.ok()) << st.to_string();
            EXPECT_EQ(listed->size(), 1u);
            break;
        }
        EXPECT_FALSE(st.ok()) << "step " << step << " failed, yet the listing answered " << listed->size()
                              << " request(s)";
        ASSERT_LT(step, 100);
    }
}

TEST_F(EngineTest, ActionableListsOnlyRequestsTheUserMayDecide) {
    configure_two_levels();
    delegate("boss", "deputy", 0, 0);
    const Uuid id = submit();
    EXPECT_EQ(actionable_requests(*store_, "fo1", now())->size(), 1u);
    EXPECT_TRUE(actionable_requests(*store_, "maker", now())->empty());
    EXPECT_TRUE(actionable_requests(*store_, "deputy", now())->empty());  // level 1 is officers
    ASSERT_TRUE(act(id, "fo1").ok());
    EXPECT_TRUE(actionable_requests(*store_, "fo1", now())->empty());
    ASSERT_TRUE(act(id, "fo2").ok());
    EXPECT_EQ(actionable_requests(*store_, "deputy", now())->size(), 1u);
}

TEST_F(EngineTest, RefusesMalformedChainsAndSecondPendingRequest) {
    model::ApprovalLevel nobody;
    EXPECT_EQ(validate_levels({}).code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(validate_levels({nobody}).code(), ErrorCode::kInvalidArgument);
    model::ApprovalLevel two_of_one;
    two_of_one.users = {"boss"};
    two_of_one.required = 2;
    EXPECT_EQ(validate_levels({two_of_one}).code(), ErrorCode::kInvalidArgument);
    model::ApprovalLevel zero;
    zero.role = model::Role::kFinanceOfficer;
    zero.required = 0;
    EXPECT_EQ(validate_levels({zero}).code(), ErrorCode::kInvalidArgument);
    model::ApprovalChain unknown{new_uuid_v7(), model::ApprovalAction::kEnrollment, {two_of_one}, "", {}};
    unknown.levels[0].required = 1;
    EXPECT_EQ(put_chain(*store_, unknown, "admin", now()).code(), ErrorCode::kNotFound);

    submit();
    Submission again{program_, model::ApprovalAction::kCycleApproval, "cycle", cycle_, "maker"};
    EXPECT_EQ(open_request(*store_, again, now()).status().code(), ErrorCode::kAlreadyExists);
}

TEST_F(EngineTest, CancellingTheCycleCancelsItsPendingRequest) {
    const Uuid id = submit();
    ASSERT_TRUE(programs::cancel_cycle(*store_, cycle_, "boss", "budget withdrawn", now()).ok());
    EXPECT_EQ(store_->approvals().get_request(id)->state, ApprovalState::kCancelled);
    EXPECT_EQ(cycle_state(), CycleState::kCancelled);
    EXPECT_EQ(entitlement_states(),
              (std::vector{EntitlementState::kCancelled, EntitlementState::kCancelled}));
    EXPECT_EQ(act(id, "fo1").status().code(), ErrorCode::kFailedPrecondition);
}

}  // namespace
}  // namespace spmis::approvals::testing

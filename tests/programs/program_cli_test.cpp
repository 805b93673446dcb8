// Runs the real spmis-server binary through the demo chain: demo -> program enroll -> cycle
// create -> cycle generate -> cycle approve, plus the errors a user can hit on the way, and the
// approval chain path (cycle submit / approve --as) and entitlement expiry.

#include <gtest/gtest.h>

#include <string>

#include "../store/store_fixture.hpp"
#include "spmis/base/clock.hpp"
#include "support/server_process.hpp"

namespace spmis::programs {
namespace {

// Standard output only: the checks read what the commands print, such as a new cycle id.
test::CliRun run(const std::string& args) { return test::run_server_cli(args, test::CliOutput::kStdoutOnly); }

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

TEST(ProgramCliTest, RunsTheFoodBasketChainFromDemoToApproval) {
    store::testing::TempDir dir;
    const std::string data = " --data " + dir.file("data");
    ASSERT_EQ(run("demo" + data + " --households 100 --seed 1").exit_code, 0);

    auto enroll = run("program enroll" + data + " --program FOOD_BASKET --reference-date 2026-11-01");
    ASSERT_EQ(enroll.exit_code, 0) << enroll.out;
    EXPECT_TRUE(contains(enroll.out, "enrolled FOOD_BASKET at 2026-11-01:")) << enroll.out;
    EXPECT_TRUE(contains(enroll.out, "errors 0")) << enroll.out;
    auto again = run("program enroll" + data + " --program FOOD_BASKET --reference-date 2026-11-01");
    EXPECT_TRUE(contains(again.out, "created 0,")) << again.out;

    auto list = run("program list" + data);
    EXPECT_EQ(list.exit_code, 0);
    EXPECT_TRUE(contains(list.out, "FOOD_BASKET  In-kind food basket (group, in_kind, active)")) << list.out;

    auto create = run("cycle create" + data +
                      " --program FOOD_BASKET --name November --start 2026-11-01 --end 2026-11-30");
    ASSERT_EQ(create.exit_code, 0) << create.out;
    const std::string cycle = create.out.substr(0, create.out.find('\n'));
    ASSERT_EQ(cycle.size(), 36u) << create.out;

    auto generate = run("cycle generate" + data + " --cycle " + cycle);
    ASSERT_EQ(generate.exit_code, 0) << generate.out;
    EXPECT_TRUE(contains(generate.out, "created ")) << generate.out;
    EXPECT_TRUE(contains(generate.out, "basket(s) in kind at ")) << generate.out;
    EXPECT_TRUE(contains(run("cycle generate" + data + " --cycle " + cycle).out, "created 0 entitlements"));

    auto approve = run("cycle approve" + data + " --cycle " + cycle);
    ASSERT_EQ(approve.exit_code, 0) << approve.out;
    EXPECT_TRUE(contains(approve.out, "approved cycle " + cycle)) << approve.out;
    EXPECT_EQ(run("cycle approve" + data + " --cycle " + cycle).exit_code,
              exit_code_for(ErrorCode::kIllegalTransition));
}

TEST(ProgramCliTest, ReportsBadInputAndOverBudgetWithExitCodes) {
    store::testing::TempDir dir;
    const std::string data = " --data " + dir.file("data");
    ASSERT_EQ(run("demo" + data + " --households 50 --seed 1").exit_code, 0);
    EXPECT_EQ(run("program enroll" + data + " --program NOPE").exit_code,
              exit_code_for(ErrorCode::kNotFound));
    EXPECT_EQ(run("program enroll" + data + " --program CHILD_GRANT --reference-date 2026-13-01").exit_code,
              exit_code_for(ErrorCode::kInvalidArgument));
    EXPECT_EQ(run("cycle generate" + data + " --cycle not-a-uuid").exit_code,
              exit_code_for(ErrorCode::kInvalidArgument));
    EXPECT_EQ(run("cycle create" + data +
                  " --program CHILD_GRANT --name X --start 2026-11-01 --end 2026-11-30 --budget 1,5")
                  .exit_code,
              exit_code_for(ErrorCode::kInvalidArgument));
    ASSERT_EQ(run("program enroll" + data + " --program CHILD_GRANT --reference-date 2026-11-01").exit_code,
              0);
    auto create = run("cycle create" + data +
                      " --program CHILD_GRANT --name Tight --start 2026-11-01 --end 2026-11-30 --budget 10");
    ASSERT_EQ(create.exit_code, 0);
    const std::string cycle = create.out.substr(0, create.out.find('\n'));
    auto over = run("cycle generate" + data + " --cycle " + cycle);
    EXPECT_EQ(over.exit_code, exit_code_for(ErrorCode::kResourceExhausted));
    auto scaled = run("cycle generate" + data + " --cycle " + cycle + " --scale");
    EXPECT_EQ(scaled.exit_code, 0);
    EXPECT_TRUE(contains(scaled.out, "of budget 10.00 USD")) << scaled.out;
    EXPECT_TRUE(contains(scaled.out, "scaled by")) << scaled.out;
}

// Staff users and a one-level chain (named user "boss") for CHILD_GRANT, written into the store.
void configure_chain(const std::string& dir) {
    auto store = store::open_store_in_directory(dir);
    ASSERT_TRUE(store.ok());
    for (const char* name : {"fin1", "boss"}) {
        model::User u{new_uuid_v7(),
                      name,
                      name,
                      {model::Role::kFinanceOfficer},
                      "x",
                      true,
                      SystemClock::instance().now()};
        ASSERT_TRUE((*store)->access().insert_user(u).ok());
    }
    auto program = (*store)->programs().find_program_by_code("CHILD_GRANT");
    ASSERT_TRUE(program.ok() && program->has_value());
    model::ApprovalLevel boss;
    boss.users = {"boss"};
    model::ApprovalChain chain{(*program)->id, model::ApprovalAction::kCycleApproval, {boss}, "test", {}};
    ASSERT_TRUE((*store)->approvals().put_chain(chain).ok());
}

TEST(ProgramCliTest, ChainNeedsSubmitAndApproverThenEntitlementsExpire) {
    store::testing::TempDir dir;
    const std::string data = " --data " + dir.file("data");
    ASSERT_EQ(run("demo" + data + " --households 50 --seed 1").exit_code, 0);
    ASSERT_EQ(run("program enroll" + data + " --program CHILD_GRANT --reference-date 2026-11-01").exit_code,
              0);
    auto create =
        run("cycle create" + data + " --program CHILD_GRANT --name Nov --start 2026-11-01 --end 2026-11-30");
    ASSERT_EQ(create.exit_code, 0);
    const std::string cycle = " --cycle " + create.out.substr(0, create.out.find('\n'));
    ASSERT_EQ(run("cycle generate" + data + cycle).exit_code, 0);
    configure_chain(dir.file("data"));

    EXPECT_EQ(run("cycle approve" + data + cycle).exit_code, exit_code_for(ErrorCode::kFailedPrecondition));
    ASSERT_EQ(run("cycle submit" + data + cycle + " --as fin1").exit_code, 0);
    EXPECT_EQ(run("cycle approve" + data + cycle).exit_code, exit_code_for(ErrorCode::kInvalidArgument));
    EXPECT_EQ(run("cycle approve" + data + cycle + " --as fin1").exit_code,
              exit_code_for(ErrorCode::kPermissionDenied));
    auto approved = run("cycle approve" + data + cycle + " --as boss --comment fine");
    ASSERT_EQ(approved.exit_code, 0) << approved.out;
    EXPECT_TRUE(contains(approved.out, " is approved")) << approved.out;

    EXPECT_EQ(run("entitlement expire" + data + " --now 2026-13-01").exit_code,
              exit_code_for(ErrorCode::kInvalidArgument));
    EXPECT_TRUE(contains(run("entitlement expire" + data + " --now 2026-11-30").out, "expired 0 "));
    auto expired = run("entitlement expire" + data + " --now 2026-12-01");
    ASSERT_EQ(expired.exit_code, 0);
    EXPECT_FALSE(contains(expired.out, "expired 0 ")) << expired.out;
}

}  // namespace
}  // namespace spmis::programs

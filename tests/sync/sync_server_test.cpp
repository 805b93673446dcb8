// The sync server's guarantees, each a test: idempotent push, order, conflict cases, tampering,
// forks, revocation, scoped pull.

#include "sync_fixture.hpp"

namespace spmis::sync::testing {
namespace {

using nlohmann::json;

TEST_F(SyncServerTest, EnrollmentCodeIsOneTimeAndExpires) {
    auto code = server_->create_enrollment_code({w_.sp1}, std::chrono::hours(1), "admin");
    ASSERT_TRUE(code.ok());
    json req = {{"code", code->code}, {"public_key", to_hex(generate_key_pair().public_key)}};
    ASSERT_TRUE(server_->enroll(req).ok());
    EXPECT_EQ(server_->enroll(req).status().code(), ErrorCode::kUnauthenticated);
    auto late = server_->create_enrollment_code({w_.sp1}, std::chrono::hours(1), "admin");
    clock_.advance(std::chrono::hours(2));
    req["code"] = late->code;
    EXPECT_EQ(server_->enroll(req).status().code(), ErrorCode::kUnauthenticated);
    req["code"] = "AAAA-BBBB-CCCC";
    EXPECT_EQ(server_->enroll(req).status().code(), ErrorCode::kUnauthenticated);
    EXPECT_EQ(
        server_->create_enrollment_code({new_uuid_v7()}, std::chrono::hours(1), "admin").status().code(),
        ErrorCode::kNotFound);
}

// SYNC.md: a replay gets the stored answer, marked duplicate (it used to say "accepted" again, so a
// device that lost the first answer reported no duplicates).
TEST_F(SyncServerTest, ReplayingAPushGivesTheStoredAnswersMarkedDuplicateAndChangesNothing) {
    SimDevice a = enroll({w_.sp1});
    std::vector<Operation> ops{a.redeem(w_.entitlement, w_.sp1, 10'000),
                               a.attend(w_.member, w_.event, w_.sp1)};
    auto first = push(a, ops);
    ASSERT_TRUE(first.ok()) << first.status().to_string();
    EXPECT_EQ(first->acked_seq, 2u);
    auto ops_before = *store_->operation_log().count_operations();
    for (int k = 0; k < 3; ++k) {
        auto again = push(a, ops);
        ASSERT_TRUE(again.ok());
        ASSERT_EQ(again->results.size(), first->results.size());
        for (std::size_t i = 0; i < first->results.size(); ++i) {
            EXPECT_EQ(again->results[i].device_seq, first->results[i].device_seq);
            EXPECT_EQ(again->results[i].disposition, Disposition::kDuplicate);
            EXPECT_EQ(again->results[i].cases, first->results[i].cases);
            EXPECT_EQ(again->results[i].first, first->results[i].disposition);
            EXPECT_EQ(again->results[i].reason, first->results[i].reason);
        }
        EXPECT_EQ(again->acked_seq, 2u);
    }
    EXPECT_EQ(*store_->operation_log().count_operations(), ops_before);
    EXPECT_EQ(redeemed(w_.entitlement), 10'000);
    EXPECT_EQ(*store_->service_points().count_attendance(w_.event), 1);
}

TEST_F(SyncServerTest, AGapHoldsLaterOperations) {
    SimDevice a = enroll({w_.sp1});
    Operation one = a.redeem(w_.entitlement, w_.sp1, 1'000);
    Operation two = a.redeem(w_.entitlement, w_.sp1, 2'000);
    EXPECT_EQ(push(a, {two}).status().code(), ErrorCode::kFailedPrecondition);
    EXPECT_EQ(redeemed(w_.entitlement), 0);
    ASSERT_TRUE(push(a, {one}).ok());
    ASSERT_TRUE(push(a, {two}).ok());
    EXPECT_EQ(redeemed(w_.entitlement), 3'000);
}

TEST_F(SyncServerTest, OverRedemptionAcrossDevicesIsOneCaseListingBoth) {
    SimDevice a = enroll({w_.sp1});
    SimDevice b = enroll({w_.sp1});
    Operation ra = a.redeem(w_.entitlement, w_.sp1, 25'000);
    Operation rb = b.redeem(w_.entitlement, w_.sp1, 25'000);
    auto pa = push(a, {ra});
    auto pb = push(b, {rb});
    ASSERT_TRUE(pa.ok() && pb.ok());
    EXPECT_EQ(pa->results[0].disposition, Disposition::kAccepted);
    EXPECT_EQ(pb->results[0].disposition, Disposition::kAcceptedFlagged);
    for (int k = 0; k < 2; ++k) ASSERT_TRUE(push(b, {rb}).ok());
    auto cases =
        *server_->cases({"over_redemption", std::nullopt, std::nullopt, std::nullopt, std::nullopt, 0});
    ASSERT_EQ(cases.size(), 1u);
    ASSERT_EQ(cases[0].links.size(), 2u);
    std::set<Uuid> linked{cases[0].links[0].record_id, cases[0].links[1].record_id};
    EXPECT_EQ(linked, (std::set<Uuid>{ra.record_id, rb.record_id}));
    EXPECT_EQ(redeemed(w_.entitlement), 50'000);  // both facts count until staff decide
}

// Regression: two devices handing out the whole of one expired basket raised two entitlement_problem
// cases and no over-redemption case. Every conflict is raised, each exactly once.
TEST_F(SyncServerTest, ExpiredAndOverRedeemedByTwoDevicesIsOneCaseOfEach) {
    clock_.set(*parse_time("2026-12-02T10:00:00Z"));  // the world's entitlement ended on 2026-11-30
    SimDevice a = enroll({w_.sp1});
    SimDevice b = enroll({w_.sp1});
    Operation ra = a.redeem(w_.entitlement, w_.sp1, 25'000);
    Operation rb = b.redeem(w_.entitlement, w_.sp1, 25'000);
    ASSERT_TRUE(push(a, {ra}).ok());
    ASSERT_TRUE(push(b, {rb}).ok());
    auto over =
        *server_->cases({"over_redemption", std::nullopt, std::nullopt, std::nullopt, std::nullopt, 0});
    ASSERT_EQ(over.size(), 1u);
    std::set<Uuid> linked;
    for (const auto& l : over[0].links) linked.insert(l.record_id);
    EXPECT_EQ(linked, (std::set<Uuid>{ra.record_id, rb.record_id}));
    auto problems =
        *server_->cases({"entitlement_problem", std::nullopt, std::nullopt, std::nullopt, std::nullopt, 0});
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].links.size(), 2u);
    EXPECT_EQ(redeemed(w_.entitlement), 50'000);
}

TEST_F(SyncServerTest, RedemptionsWithinTheEntitlementRaiseNoCase) {
    SimDevice a = enroll({w_.sp1});
    SimDevice b = enroll({w_.sp1});
    ASSERT_TRUE(push(a, {a.redeem(w_.entitlement, w_.sp1, 12'500)}).ok());
    ASSERT_TRUE(push(b, {b.redeem(w_.entitlement, w_.sp1, 12'500)}).ok());
    EXPECT_EQ(open_cases("over_redemption"), 0);
}

TEST_F(SyncServerTest, ConcurrentMembershipTransitionsRaiseOneConflict) {
    SimDevice a = enroll({w_.sp1});
    SimDevice b = enroll({w_.sp1});
    Operation pause = a.transition(w_.membership, "enrolled", "paused");
    Operation exit = b.transition(w_.membership, "enrolled", "exited");
    ASSERT_TRUE(push(a, {pause}).ok());
    auto pb = push(b, {exit});
    ASSERT_TRUE(pb.ok());
    EXPECT_EQ(pb->results[0].disposition, Disposition::kAcceptedFlagged);
    ASSERT_TRUE(push(b, {exit}).ok());
    EXPECT_EQ(open_cases("membership_conflict"), 1);
    EXPECT_EQ(store_->programs().get_membership(w_.membership)->state, model::MembershipState::kPaused);
    SimDevice c = enroll({w_.sp1});
    auto dup = push(c, {c.transition(w_.membership, "enrolled", "paused")});
    EXPECT_EQ(dup->results[0].disposition, Disposition::kDuplicate);
}

TEST_F(SyncServerTest, TamperedOperationIsRefusedAndLoggedOnce) {
    SimDevice a = enroll({w_.sp1});
    Operation op = a.redeem(w_.entitlement, w_.sp1, 5'000);
    Operation forged = op;
    forged.payload["quantity_milli"] = 1;  // content changed after sealing
    for (int k = 0; k < 2; ++k) {
        auto r = push(a, {forged});
        EXPECT_FALSE(r.ok());
    }
    EXPECT_EQ(redeemed(w_.entitlement), 0);
    EXPECT_EQ(*store_->operation_log().count_operations(), 0);
    EXPECT_EQ(open_cases("tampering"), 1);
    ASSERT_TRUE(push(a, {op}).ok());  // the honest operation still goes through
    EXPECT_EQ(redeemed(w_.entitlement), 5'000);
}

TEST_F(SyncServerTest, AnotherDevicesOperationIsRefused) {
    SimDevice a = enroll({w_.sp1});
    SimDevice b = enroll({w_.sp1});
    Operation op = a.redeem(w_.entitlement, w_.sp1, 5'000);
    PushRequest replay{b.id, {op}, to_hex(sign_batch(b.keys, op))};
    EXPECT_EQ(server_->handle("push", to_json(replay).dump()).status().code(), ErrorCode::kUnauthenticated);
    Operation as_b = op;
    as_b.device_id = b.id;  // relabelled, but signed by A's key
    PushRequest relabelled{b.id, {as_b}, to_hex(sign_batch(a.keys, op))};
    EXPECT_FALSE(server_->handle("push", to_json(relabelled).dump()).ok());
    EXPECT_EQ(redeemed(w_.entitlement), 0);
}

TEST_F(SyncServerTest, ForkIsRefusedAndRaisedOnce) {
    SimDevice a = enroll({w_.sp1});
    SimDevice clone = a;  // a restored copy of the device database
    ASSERT_TRUE(push(a, {a.redeem(w_.entitlement, w_.sp1, 1'000)}).ok());
    Operation other = clone.redeem(w_.entitlement, w_.sp1, 9'000);
    for (int k = 0; k < 2; ++k) EXPECT_EQ(push(clone, {other}).status().code(), ErrorCode::kConflict);
    EXPECT_EQ(open_cases("fork"), 1);
    EXPECT_EQ(redeemed(w_.entitlement), 1'000);
}

TEST_F(SyncServerTest, RevokedDeviceIsRefused) {
    SimDevice a = enroll({w_.sp1});
    ASSERT_TRUE(server_->revoke_device(a.id, "admin", "lost tablet").ok());
    auto r = push(a, {a.redeem(w_.entitlement, w_.sp1, 1'000)});
    EXPECT_EQ(r.status().code(), ErrorCode::kUnauthenticated);
    EXPECT_NE(r.status().message().find("revoked"), std::string::npos);
    EXPECT_EQ(server_->handle("pull", a.pull_body(0, 1 << 20)).status().code(), ErrorCode::kUnauthenticated);
    EXPECT_EQ(redeemed(w_.entitlement), 0);
}

TEST_F(SyncServerTest, OutOfScopeAndMalformedOperationsAreRejectedWithoutBlocking) {
    SimDevice a = enroll({w_.sp1});
    Operation outside = a.redeem(w_.sp2_entitlement, w_.sp2, 1'000);
    Operation bad = a.next("redemption.record", "redemption", new_uuid_v7(), {{"entitlement_id", "nope"}},
                           json::object(), w_.sp1);
    Operation good = a.redeem(w_.entitlement, w_.sp1, 2'000);
    auto r = push(a, {outside, bad, good});
    ASSERT_TRUE(r.ok()) << r.status().to_string();
    EXPECT_EQ(r->results[0].disposition, Disposition::kRejected);
    EXPECT_EQ(r->results[1].disposition, Disposition::kRejected);
    EXPECT_EQ(r->results[2].disposition, Disposition::kAccepted);
    EXPECT_EQ(redeemed(w_.sp2_entitlement), 0);
    EXPECT_EQ(redeemed(w_.entitlement), 2'000);
}

TEST_F(SyncServerTest, DuplicateAttendanceIsKeptAndCountedOnce) {
    SimDevice a = enroll({w_.sp1});
    SimDevice b = enroll({w_.sp1});
    ASSERT_TRUE(push(a, {a.attend(w_.member, w_.event, w_.sp1)}).ok());
    auto r = push(b, {b.attend(w_.member, w_.event, w_.sp1)});
    ASSERT_TRUE(r.ok());
    EXPECT_NE(r->results[0].reason.find("duplicate"), std::string::npos);
    EXPECT_EQ(*store_->service_points().count_attendance(w_.event), 1);
    EXPECT_EQ(*store_->operation_log().count_operations(), 2);
}

TEST_F(SyncServerTest, SkewedClockIsFlaggedButOrderIsArrival) {
    SimDevice a = enroll({w_.sp1});
    Operation op = a.redeem(w_.entitlement, w_.sp1, 1'000);
    Operation late = a.redeem(w_.entitlement, w_.sp1, 1'000);
    late.time_claim.wall = clock_.now() + std::chrono::hours(72);  // three days fast
    late.time_claim.anchor_server_time = clock_.now();
    late.time_claim.anchor_monotonic_ms = late.time_claim.monotonic_ms;
    a.tip.seq = op.device_seq;
    a.tip.hash = op.hash;
    chain_append(a.tip, late);
    auto r = push(a, {op, late});
    ASSERT_TRUE(r.ok()) << r.status().to_string();
    EXPECT_EQ(r->results[1].disposition, Disposition::kAcceptedFlagged);
    auto first = *store_->operation_log().get_operation(a.id, 1);
    auto second = *store_->operation_log().get_operation(a.id, 2);
    EXPECT_LT(first->server_seq, second->server_seq);
    EXPECT_EQ(second->flags, "clock_skew");
}

TEST_F(SyncServerTest, PullIsScopedPagedAndProvable) {
    SimDevice a = enroll({w_.sp1});
    SimDevice b = enroll({w_.sp2});
    ASSERT_TRUE(push(a, {a.redeem(w_.entitlement, w_.sp1, 5'000)}).ok());
    std::int64_t cursor = 0;
    std::map<std::pair<std::string, Uuid>, std::int64_t> held;
    PullResponse page;
    int pages = 0;
    do {
        auto body = server_->handle("pull", a.pull_body(cursor, 1));  // tiny budget: one record a page
        ASSERT_TRUE(body.ok()) << body.status().to_string();
        page = *pull_response_from_json(json::parse(*body));
        for (const auto& r : page.records) {
            held[{r.kind, r.id}] = r.server_seq;
            EXPECT_NE(r.id, w_.sp2_entitlement) << "record outside the device's scope";
            if (r.kind == "entitlement") {
                EXPECT_EQ(std::get<PulledEntitlement>(*r.data).remaining_milli, 20'000);
            }
        }
        if (page.has_more) {
            EXPECT_TRUE(page.scope_checksum.empty()) << "the digest is computed only for the last page";
        }
        cursor = page.next_cursor;
        ++pages;
    } while (page.has_more);
    EXPECT_GT(pages, 2);
    EXPECT_TRUE(held.contains({"entitlement", w_.entitlement}));
    EXPECT_TRUE(held.contains({"event", w_.event}));
    EXPECT_EQ(page.scope_count, static_cast<std::int64_t>(held.size()));
    auto b_page = pull_response_from_json(json::parse(*server_->handle("pull", b.pull_body(0, 1 << 20))));
    for (const auto& r : b_page->records) EXPECT_NE(r.id, w_.entitlement);
}

TEST_F(SyncServerTest, ResolvingACaseVoidsAndSyncsDown) {
    SimDevice a = enroll({w_.sp1});
    SimDevice b = enroll({w_.sp1});
    Operation ra = a.redeem(w_.entitlement, w_.sp1, 25'000);
    Operation rb = b.redeem(w_.entitlement, w_.sp1, 5'000);
    ASSERT_TRUE(push(a, {ra}).ok());
    auto pb = push(b, {rb});
    ASSERT_EQ(pb->results[0].cases.size(), 1u);
    Uuid case_id = pb->results[0].cases[0];
    EXPECT_FALSE(server_->resolve(case_id, {{"action", "void_redemption"}}, "manager", "").ok());
    ASSERT_TRUE(server_
                    ->resolve(case_id,
                              {{"action", "void_redemption"}, {"redemption_id", rb.record_id.to_string()}},
                              "manager", "second hand-over was a recording error")
                    .ok());
    EXPECT_EQ(redeemed(w_.entitlement), 25'000);
    EXPECT_EQ(server_->resolve(case_id, {{"action", "dismiss"}}, "manager", "again").code(),
              ErrorCode::kFailedPrecondition);
    auto page = pull_response_from_json(json::parse(*server_->handle("pull", a.pull_body(0, 1 << 20))));
    for (const auto& r : page->records) {
        if (r.id == w_.entitlement) {
            EXPECT_EQ(std::get<PulledEntitlement>(*r.data).remaining_milli, 0);
        }
    }
}

TEST_F(SyncServerTest, HelloAsksForARepushAfterTheEpochChanged) {
    SimDevice a = enroll({w_.sp1});
    auto epoch = *server_->epoch();
    auto hello = hello_response_from_json(json::parse(*server_->handle("hello", a.hello_body(epoch, 0))));
    EXPECT_TRUE(hello->actions.empty());
    ASSERT_TRUE(server_->new_epoch().ok());
    hello = hello_response_from_json(json::parse(*server_->handle("hello", a.hello_body(epoch, 0))));
    EXPECT_EQ(hello->actions, std::vector<std::string>{"repush"});
    EXPECT_NE(hello->epoch, epoch);
}

}  // namespace
}  // namespace spmis::sync::testing

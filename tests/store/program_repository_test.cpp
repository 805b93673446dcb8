#include "spmis/store/program_repository.hpp"

#include "sample_records.hpp"
#include "store_fixture.hpp"

namespace spmis::store::testing {
namespace {

using model::CycleState;
using model::MembershipState;
using ProgramRepositoryTest = StoreTest;

TEST_P(ProgramRepositoryTest, ProgramsRoundTripWithVariables) {
    auto& programs = store_->programs();
    auto p = sample_program("CHILD_GRANT");
    ASSERT_TRUE(programs.insert_program(p).ok());
    EXPECT_EQ(*programs.get_program(p.id), p);
    EXPECT_EQ(programs.find_program_by_code("CHILD_GRANT")->value(), p);
    EXPECT_EQ(*programs.list_programs(), std::vector{p});
    EXPECT_EQ(programs.insert_program(sample_program("CHILD_GRANT")).code(), ErrorCode::kAlreadyExists);
}

TEST_P(ProgramRepositoryTest, MembershipsRoundTripAndTransitionWithAudit) {
    auto p = sample_program("P");
    auto person = sample_individual("X", std::nullopt);
    ASSERT_TRUE(store_->programs().insert_program(p).ok());
    ASSERT_TRUE(store_->registry().insert_registrant(person).ok());
    model::ProgramMembership m{id(),
                               p.id,
                               person.id,
                               MembershipState::kDraft,
                               std::nullopt,
                               std::nullopt,
                               at("2026-10-01T00:00:00Z"),
                               at("2026-10-01T00:00:00Z")};
    ASSERT_TRUE(store_->programs().insert_membership(m).ok());
    EXPECT_EQ(*store_->programs().get_membership(m.id), m);
    EXPECT_EQ(*store_->programs().list_memberships(p.id), std::vector{m});
    auto dup = m;
    dup.id = id();
    EXPECT_EQ(store_->programs().insert_membership(dup).code(), ErrorCode::kAlreadyExists);

    ASSERT_TRUE(
        store_->programs().transition_membership(m.id, MembershipState::kEnrolled, "mgr", "verified").ok());
    auto enrolled = *store_->programs().get_membership(m.id);
    EXPECT_EQ(enrolled.state, MembershipState::kEnrolled);
    EXPECT_EQ(enrolled.enrollment_date, date_of(clock_.now()));
    EXPECT_EQ(enrolled.updated_at, clock_.now());

    Status bad = store_->programs().transition_membership(m.id, MembershipState::kDraft, "mgr", "");
    EXPECT_EQ(bad.code(), ErrorCode::kIllegalTransition);
    EXPECT_NE(bad.message().find(m.id.to_string()), std::string::npos);
    auto events = *store_->audit().list_for_record(m.id);
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].record_kind, "program_membership");
    EXPECT_EQ(events[0].before, R"({"state":"draft"})");
    EXPECT_EQ(events[0].after, R"({"state":"enrolled"})");
    EXPECT_EQ(events[0].reason, "verified");
    EXPECT_EQ(events[0].at, clock_.now());
    EXPECT_EQ(store_->programs().transition_membership(id(), MembershipState::kEnrolled, "mgr", "").code(),
              ErrorCode::kNotFound);
}

TEST_P(ProgramRepositoryTest, CyclesRoundTripAndTransition) {
    auto p = sample_program("P");
    ASSERT_TRUE(store_->programs().insert_program(p).ok());
    auto c1 = sample_cycle(p.id, 1);
    auto c2 = sample_cycle(p.id, 2);
    ASSERT_TRUE(store_->programs().insert_cycle(c2).ok());
    ASSERT_TRUE(store_->programs().insert_cycle(c1).ok());
    EXPECT_EQ(*store_->programs().get_cycle(c1.id), c1);
    EXPECT_EQ(*store_->programs().list_cycles(p.id), (std::vector{c1, c2}));
    ASSERT_TRUE(store_->programs().transition_cycle(c1.id, CycleState::kToApprove, "mgr", "").ok());
    EXPECT_EQ(store_->programs().transition_cycle(c1.id, CycleState::kEnded, "mgr", "").code(),
              ErrorCode::kIllegalTransition);
    EXPECT_EQ(store_->programs().get_cycle(c1.id)->state, CycleState::kToApprove);
}

// The store records the program's move and nothing else: what ending a program does to its cycles
// is programs::move_program's rule (tests/programs/entitlements_test.cpp).
TEST_P(ProgramRepositoryTest, EndingAProgramRecordsTheMoveOnly) {
    auto p = sample_program("P");
    ASSERT_TRUE(store_->programs().insert_program(p).ok());
    auto open = sample_cycle(p.id, 1);
    ASSERT_TRUE(store_->programs().insert_cycle(open).ok());
    ASSERT_TRUE(
        store_->programs().transition_program(p.id, model::ProgramState::kEnded, "mgr", "budget").ok());
    EXPECT_EQ(store_->programs().get_program(p.id)->state, model::ProgramState::kEnded);
    EXPECT_EQ(store_->programs().get_cycle(open.id)->state, open.state);
    EXPECT_TRUE(store_->audit().list_for_record(open.id)->empty());
    EXPECT_EQ(store_->audit().list_for_record(p.id)->size(), 1u);
    ASSERT_TRUE(store_->programs().transition_program(p.id, model::ProgramState::kActive, "mgr", "").ok());
}

SPMIS_INSTANTIATE_STORE_TESTS(ProgramRepositoryTest);

}  // namespace
}  // namespace spmis::store::testing

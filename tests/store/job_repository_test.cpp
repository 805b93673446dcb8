#include "spmis/store/job_repository.hpp"

#include "sample_records.hpp"
#include "store_fixture.hpp"

namespace spmis::store::testing {
namespace {

using model::JobState;
using model::MembershipState;
using JobRepositoryTest = StoreTest;

TEST_P(JobRepositoryTest, JobsRoundTripUpdateAndCountByState) {
    auto p = sample_program("P");
    ASSERT_TRUE(store_->programs().insert_program(p).ok());
    model::Job job;
    job.id = id();
    job.program_id = p.id;
    job.operation = model::JobOperation::kDeduplicate;
    job.options = R"({"rules":["national_id"]})";
    job.actor = "officer'; DROP TABLE jobs;--";
    job.created_at = at("2026-10-01T00:00:00Z");
    ASSERT_TRUE(store_->jobs().insert_job(job).ok());
    EXPECT_EQ(*store_->jobs().get_job(job.id), job);
    job.state = JobState::kSucceeded;
    job.done = job.total = 3;
    job.result = R"({"flagged_pairs":1})";
    job.started_at = at("2026-10-01T00:00:01Z");
    job.finished_at = at("2026-10-01T00:00:02Z");
    ASSERT_TRUE(store_->jobs().update_job(job).ok());
    EXPECT_EQ(*store_->jobs().get_job(job.id), job);
    EXPECT_EQ(store_->jobs().get_job(id()).status().code(), ErrorCode::kNotFound);
    auto counts = store_->jobs().count_jobs_by_state();
    ASSERT_TRUE(counts.ok());
    EXPECT_EQ(counts->at("succeeded"), 1);
    EXPECT_EQ(counts->at("running"), 0);
    EXPECT_EQ(store_->jobs().list_jobs_in(JobState::kSucceeded)->size(), 1u);
    EXPECT_TRUE(store_->jobs().list_jobs_in(JobState::kQueued)->empty());
}

TEST_P(JobRepositoryTest, MembershipPagesFollowIdsAndStateInTheDatabase) {
    auto p = sample_program("P");
    ASSERT_TRUE(store_->programs().insert_program(p).ok());
    std::vector<Uuid> ids;
    for (int i = 0; i < 5; ++i) {
        auto person = sample_individual("X" + std::to_string(i), std::nullopt);
        ASSERT_TRUE(store_->registry().insert_registrant(person).ok());
        const UtcTime t = at("2026-10-01T00:00:00Z");
        model::ProgramMembership m{id(),         p.id,         person.id, MembershipState::kDraft,
                                   std::nullopt, std::nullopt, t,         t};
        ASSERT_TRUE(store_->programs().insert_membership(m).ok());
        ids.push_back(m.id);
    }
    ASSERT_TRUE(store_->programs().mark_duplicate(ids[3], ids[0], "officer", "same person").ok());
    MembershipPageQuery q{p.id, std::nullopt, ids[1], 2};
    auto page = store_->programs().list_membership_page(q);
    ASSERT_TRUE(page.ok());
    ASSERT_EQ(page->size(), 2u);
    EXPECT_EQ((*page)[0].membership.id, ids[2]);
    EXPECT_EQ((*page)[1].membership.id, ids[3]);
    EXPECT_EQ((*page)[1].duplicate_of, ids[0]);
    q = MembershipPageQuery{p.id, MembershipState::kDraft, std::nullopt, 10};
    EXPECT_EQ(store_->programs().list_membership_page(q)->size(), 4u);
    // Only a draft may become duplicated; exit needs enrolled or paused.
    EXPECT_EQ(store_->programs().mark_duplicate(ids[3], ids[0], "officer", "").code(),
              ErrorCode::kIllegalTransition);
    EXPECT_EQ(store_->programs().exit_membership(ids[1], day("2026-10-02"), "officer", "").code(),
              ErrorCode::kIllegalTransition);
    ASSERT_TRUE(
        store_->programs().transition_membership(ids[1], MembershipState::kEnrolled, "officer", "").ok());
    ASSERT_TRUE(store_->programs().exit_membership(ids[1], day("2026-10-02"), "officer", "moved").ok());
    EXPECT_EQ(store_->programs().get_membership(ids[1])->exit_date, day("2026-10-02"));
}

}  // namespace

SPMIS_INSTANTIATE_STORE_TESTS(JobRepositoryTest);

}  // namespace spmis::store::testing

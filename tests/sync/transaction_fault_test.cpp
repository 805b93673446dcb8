// Faults inside a transaction (issue 17, item 2). A real push of every operation kind, signed by an
// enrolled device key, and a real pull, against a real SQLite file store, fail at one statement step
// of their transactions (KillSwitch::arm_step_fault), by an error and by an exception, at step
// N = 1, 2, ... until the request completes before step N. After each failure: the request reports
// the error, the store holds exactly what it held before (its content digest and every committed row
// of the file), no transaction or snapshot is left open, and the same request then succeeds with the
// answer an untouched store gives: every operation acknowledged once, nothing counted twice.

#include <algorithm>
#include <cstdio>
#include <map>

#include "spmis/base/kill_switch.hpp"
#include "spmis/store/kill_switch.hpp"
#include "sqlite_file_view.hpp"
#include "sync_fixture.hpp"

namespace spmis::sync::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// Bounds the search: the push and the pull here make a few hundred steps each.
constexpr std::int64_t kMaxSteps = 4000;

const char* fault_name(StepFault fault) { return fault == StepFault::kThrow ? "exception" : "error"; }

// What a push leaves: its answer (case ids as their types), the rows of every table, the balance.
struct PushOutcome {
    std::string answer;
    std::map<std::string, std::int64_t> rows;
    std::int64_t redeemed_milli = 0;

    bool operator==(const PushOutcome&) const = default;
};

void PrintTo(const PushOutcome& o, std::ostream* os) {
    *os << o.answer << "\n  redeemed " << o.redeemed_milli;
    for (const auto& [table, n] : o.rows) *os << "\n  " << table << ": " << n;
}

class TransactionFaultTest : public SyncServerTest {
protected:
    void SetUp() override;
    void TearDown() override {
        server_.reset();
        store_.reset();  // before faults_, which it reports to
        SyncServerTest::TearDown();
        fs::remove_all(scratch_);
    }

    // Operations of every kind a device sends, with a duplicate attendance, an over-redemption and a
    // void among them.
    std::vector<Operation> batch();
    // The store (reporting to faults_) and the server on a fresh copy of the template file.
    void open_copy();
    // Sends a request with step `n` failing by `fault`; whether the fault was reached.
    bool fails_at(std::int64_t n, StepFault fault, const std::string& endpoint, const std::string& body,
                  Result<std::string>& answer);
    // The store after a request failed at an injected step: error reported, nothing changed, nothing open.
    void expect_untouched(const Result<std::string>& failed, StepFault fault);
    PushOutcome push_outcome(const Result<std::string>& answer);
    std::string answer_text(const PushResponse& r);

    SimDevice device_;
    std::string push_body_, pull_body_;
    std::optional<ServerIdentity> identity_;
    KillSwitch faults_;
    fs::path scratch_, template_;
    std::string file_;
    FileView before_;
    std::string digest_before_;
};

void TransactionFaultTest::SetUp() {
    // Kills and faults at SQLite's own commit points, reopening its file.
    if (on_postgres()) GTEST_SKIP() << "SQLite's files only";
    SyncServerTest::SetUp();
    device_ = enroll({w_.sp1});
    push_body_ = device_.push_body(batch());
    pull_body_ = device_.pull_body(0, 1 << 20);
    identity_ = server_->identity();
    server_.reset();
    store_.reset();
    scratch_ = scratch_directory("spmis-fault-");  // hundreds of fresh copies
    template_ = scratch_ / "template.db";
    fs::copy_file(dir_ / "spmis.db", template_);
    file_ = (scratch_ / "run.db").string();
}

std::vector<Operation> TransactionFaultTest::batch() {
    SimDevice& d = device_;
    std::vector<Operation> ops;
    ops.push_back(d.attend(w_.member, w_.event, w_.sp1));
    ops.push_back(d.attend(w_.member, w_.event, w_.sp1));  // recorded twice: a duplicate, counted once
    const Operation first = d.redeem(w_.entitlement, w_.sp1, 15'000);
    ops.push_back(first);
    ops.push_back(d.redeem(w_.entitlement, w_.sp1, 15'000));  // 30 of 25 kg: an over-redemption case
    ops.push_back(d.next("redemption.void", "redemption", first.record_id,
                         {{"redemption_id", first.record_id.to_string()}, {"reason", "handed out twice"}},
                         json::object(), w_.sp1));
    ops.push_back(d.transition(w_.membership, "enrolled", "paused"));
    ops.push_back(d.next("registrant.update", "registrant", w_.member,
                         {{"fields", {{"given_name", "Renamed"}, {"phone", "+258 84 111 2222"}}}},
                         {{"field_versions", json::object()}}, std::nullopt));
    // A new child of the household: the routing is hashed, so it is set before the chain link.
    const ChainTip before = d.tip;
    Operation child = d.next("registrant.create", "registrant", new_uuid_v7(),
                             {{"given_name", "New"}, {"family_name", "Baby"}, {"membership_kind", "child"}},
                             json::object(), std::nullopt);
    d.tip = before;
    child.routing.household = w_.household;
    chain_append(d.tip, child);
    ops.push_back(child);
    return ops;
}

void TransactionFaultTest::open_copy() {
    server_.reset();
    store_.reset();
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(file_ + suffix);
    fs::copy_file(template_, file_);
    faults_.arm_step_fault(0, StepFault::kError);
    auto opened = store::open_sqlite_store_watched({file_, &clock_, 0}, faults_);
    ASSERT_TRUE(opened.ok()) << opened.status().to_string();
    store_ = std::move(*opened);
    server_ = std::make_unique<SyncServer>(*store_, clock_, *identity_);
}

bool TransactionFaultTest::fails_at(std::int64_t n, StepFault fault, const std::string& endpoint,
                                    const std::string& body, Result<std::string>& answer) {
    faults_.arm_step_fault(n, fault);
    answer = server_->handle(endpoint, body);
    const bool reached = faults_.step_fault_fired();
    faults_.arm_step_fault(0, fault);
    return reached;
}

void TransactionFaultTest::expect_untouched(const Result<std::string>& failed, StepFault fault) {
    ASSERT_FALSE(failed.ok()) << "the request succeeded although a step of it failed";
    const Status& s = failed.status();
    EXPECT_NE(s.message().find("injected fault"), std::string::npos) << s.to_string();
    if (fault == StepFault::kThrow) {
        EXPECT_EQ(s.code(), ErrorCode::kInternal) << s.to_string();
    }
    EXPECT_EQ(open_transactions(file_), "");
    EXPECT_EQ(*store_->content_digest(), digest_before_);  // through the server's own connection
    EXPECT_EQ(committed_view(file_), before_);             // and every table, through another one
}

std::string TransactionFaultTest::answer_text(const PushResponse& r) {
    std::string out = "acked " + std::to_string(r.acked_seq);
    for (const OpResult& op : r.results) {
        out += "\n  #" + std::to_string(op.device_seq) + " " + to_string(op.disposition);
        if (op.first) out += " first " + to_string(*op.first);
        if (!op.reason.empty()) out += " (" + op.reason + ")";
        std::vector<std::string> types;
        for (const Uuid& id : op.cases) {
            auto c = store_->cases().get_case(id);
            types.push_back(c.ok() ? c->type : "missing case");
        }
        std::sort(types.begin(), types.end());
        for (const auto& t : types) out += " case:" + t;
    }
    return out;
}

PushOutcome TransactionFaultTest::push_outcome(const Result<std::string>& answer) {
    PushOutcome o;
    if (!answer.ok()) {
        o.answer = "failed: " + answer.status().to_string();
        return o;
    }
    auto r = push_response_from_json(json::parse(*answer));
    o.answer = r.ok() ? answer_text(*r) : "unreadable: " + r.status().to_string();
    o.rows = committed_view(file_).rows;
    o.redeemed_milli = redeemed(w_.entitlement);
    return o;
}

TEST_F(TransactionFaultTest, PushFailedAtAnyStepLeavesNothingAndTheSamePushThenCountsOnce) {
    open_copy();
    before_ = committed_view(file_);
    digest_before_ = *store_->content_digest();
    const PushOutcome clean = push_outcome(server_->handle("push", push_body_));
    ASSERT_EQ(clean.answer.rfind("acked 8", 0), 0u) << clean.answer;
    EXPECT_NE(clean.answer.find("case:over_redemption"), std::string::npos) << clean.answer;
    EXPECT_EQ(clean.redeemed_milli, 15'000);  // two of 15 kg, one voided
    for (StepFault fault : {StepFault::kError, StepFault::kThrow}) {
        std::int64_t n = 1;
        for (; n <= kMaxSteps; ++n) {
            SCOPED_TRACE(std::string(fault_name(fault)) + " at step " + std::to_string(n));
            open_copy();
            Result<std::string> answer = std::string();
            if (!fails_at(n, fault, "push", push_body_, answer)) {
                EXPECT_EQ(push_outcome(answer), clean);  // completed before step n
                break;
            }
            expect_untouched(answer, fault);
            EXPECT_EQ(push_outcome(server_->handle("push", push_body_)), clean);
            if (HasFailure()) return;  // the first divergence is the one worth reading
        }
        ASSERT_LE(n, kMaxSteps) << "the push never completed";
        EXPECT_GT(n, 40) << "fewer steps than the push's writes";
        std::printf("push: an injected %s at each of its %lld steps\n", fault_name(fault),
                    static_cast<long long>(n - 1));
    }
}

TEST_F(TransactionFaultTest, PullFailedAtAnyStepLeavesNothingOpenAndTheSamePullThenAnswersTheSame) {
    open_copy();
    ASSERT_TRUE(server_->handle("push", push_body_).ok());  // the pull carries what the push changed
    before_ = committed_view(file_);
    digest_before_ = *store_->content_digest();
    const Result<std::string> clean = server_->handle("pull", pull_body_);
    ASSERT_TRUE(clean.ok()) << clean.status().to_string();
    auto page = pull_response_from_json(json::parse(*clean));
    ASSERT_TRUE(page.ok()) << page.status().to_string();
    ASSERT_FALSE(page->has_more);
    EXPECT_GE(page->records.size(), 3u);  // the entitlement, the event and the trust list
    for (StepFault fault : {StepFault::kError, StepFault::kThrow}) {
        std::int64_t n = 1;
        for (; n <= kMaxSteps; ++n) {
            SCOPED_TRACE(std::string(fault_name(fault)) + " at step " + std::to_string(n));
            Result<std::string> answer = std::string();
            if (!fails_at(n, fault, "pull", pull_body_, answer)) {
                ASSERT_TRUE(answer.ok()) << answer.status().to_string();
                EXPECT_EQ(*answer, *clean);
                break;
            }
            expect_untouched(answer, fault);
            const Result<std::string> again = server_->handle("pull", pull_body_);
            ASSERT_TRUE(again.ok()) << again.status().to_string();
            EXPECT_EQ(*again, *clean);
            if (HasFailure()) return;
        }
        ASSERT_LE(n, kMaxSteps) << "the pull never completed";
        EXPECT_GT(n, static_cast<std::int64_t>(page->records.size()));
        std::printf("pull: an injected %s at each of its %lld steps\n", fault_name(fault),
                    static_cast<long long>(n - 1));
    }
}

}  // namespace
}  // namespace spmis::sync::testing

// Kill points (issue 8, property 7): a crash at any transaction boundary, on a device or on the
// server, ends in the state of a run without it. A clean run of a small scenario counts every
// commit of every party; then, for each of them, the scenario runs again from the same files with
// that commit crashing before or after it, the crashed party restarts from its SQLite file, the
// step it was in is retried (a write only when it did not commit), and the end state must equal
// the clean run's.

#include <algorithm>
#include <cstdio>
#include <functional>
#include <map>

#include "spmis/store/kill_switch.hpp"
#include "spmis/sync/device_store.hpp"
#include "spmis/sync/sync_client.hpp"
#include "spmis/sync/transport.hpp"
#include "sync_fixture.hpp"

namespace spmis::sync::testing {
namespace {

namespace fs = std::filesystem;
using spmis::CrashPoint;
using spmis::KillSwitch;

constexpr int kDevices = 2;
constexpr int kServer = kDevices;  // party index of the server; devices are 0 .. kDevices - 1

// One field device: keys and clock survive a crash (they are not in the store), the store does not.
struct Tablet {
    KeyPair keys = generate_key_pair();
    std::unique_ptr<FakeDeviceClock> clock;
    std::unique_ptr<DeviceStore> store;
    std::string path;
};

// The end state of a run, free of ids the server mints while running (case and audit ids).
struct Outcome {
    std::int64_t operations = 0;
    std::int64_t redeemed_milli = 0;
    std::int64_t attendance = 0;
    std::string membership_state;
    std::vector<std::string> cases;         // type, key, status and links of every case
    std::string server_view;                // scope count and checksum of SP1
    std::vector<std::string> device_views;  // the same, as each device holds it
    std::vector<std::string> outboxes;      // device, seq, type, ack, answer, held by the server

    bool operator==(const Outcome&) const = default;
};

// Readable failure messages: every member on its own line.
void PrintTo(const Outcome& o, std::ostream* os) {
    *os << "\n  operations " << o.operations << ", redeemed " << o.redeemed_milli << ", attendance "
        << o.attendance << ", membership " << o.membership_state << "\n  server view " << o.server_view;
    for (const auto& v : o.device_views) *os << "\n  device view " << v;
    for (const auto& c : o.cases) *os << "\n  case " << c;
    for (const auto& e : o.outboxes) *os << "\n  outbox " << e;
}

// A step of the scenario: which party acts, what it does, and whether it is already done
// (a write that committed before its answer was lost is not written twice).
struct Step {
    int party;
    std::function<Status()> run;
    std::function<bool()> done = [] { return false; };
};

class KillPointTest : public SyncServerTest {
protected:
    void SetUp() override;
    void TearDown() override {
        for (auto& t : tablets_) t.store.reset();
        SyncServerTest::TearDown();
        fs::remove_all(scratch_);
    }
    // Runs the scenario from the template files with `party` crashing at its commit `commit`
    // (0: no crash) at `point`; the commits every party made.
    std::array<std::int64_t, kDevices + 1> run(int party, std::int64_t commit, CrashPoint point);
    Outcome outcome();

    bool crashed_ = false;  // whether the last run crashed anywhere

private:
    void open_server();
    void open_device(int n);
    void restart(int party);
    std::vector<Step> scenario();
    std::string view_of(std::int64_t count, const std::string& checksum) {
        return std::to_string(count) + ":" + checksum;
    }

    std::optional<ServerIdentity> identity_;         // the server's, kept across restarts (set in SetUp)
    std::array<KillSwitch, kDevices + 1> switches_;  // declared first: outlives the stores that report to it
    std::array<Tablet, kDevices> tablets_;
    fs::path scratch_, template_dir_, run_dir_;
};

void KillPointTest::SetUp() {
    // Kills and faults at SQLite's own commit points, reopening its file.
    if (on_postgres()) GTEST_SKIP() << "SQLite's files only";
    SyncServerTest::SetUp();
    identity_ = server_->identity();
    // About fifty runs of small commits: on tmpfs when there is one, fsync costs nothing.
    const fs::path shm = "/dev/shm";
    scratch_ = (fs::is_directory(shm) ? shm : fs::temp_directory_path()) /
               ("spmis-kill-" + new_uuid_v7().to_string());
    template_dir_ = scratch_ / "template";
    run_dir_ = scratch_ / "run";
    // The template: the seeded server and two enrolled devices that hold the world after one sync.
    for (int n = 0; n < kDevices; ++n) {
        Tablet& t = tablets_[static_cast<std::size_t>(n)];
        t.clock = std::make_unique<FakeDeviceClock>(clock_.now(), "boot-" + std::to_string(n));
        t.path = "device" + std::to_string(n) + ".db";
        auto opened = DeviceStore::open((dir_ / t.path).string(), *t.clock);
        ASSERT_TRUE(opened.ok()) << opened.status().to_string();
        t.store = std::move(*opened);
        auto code = server_->create_enrollment_code({w_.sp1}, std::chrono::hours(1), "admin");
        ASSERT_TRUE(code.ok());
        auto answer = server_->enroll({{"code", code->code}, {"public_key", to_hex(t.keys.public_key)}});
        ASSERT_TRUE(answer.ok()) << answer.status().to_string();
        Uuid id = *Uuid::parse((*answer)["device_id"].get<std::string>());
        Enrollment e{id, "tablet", "loopback", (*answer)["server_public_key"], (*answer)["epoch"], {w_.sp1}};
        ASSERT_TRUE(t.store->set_enrollment(e).ok());
        ASSERT_TRUE(t.store->set_officer("officer-" + std::to_string(n)).ok());
        LoopbackTransport direct(
            [this](const std::string& ep, const std::string& b) { return server_->handle(ep, b); });
        auto round = SyncClient(*t.store, direct, t.keys, *t.clock).round();
        ASSERT_TRUE(round.ok()) << round.status().to_string();
        t.store.reset();
    }
    server_.reset();
    store_.reset();
    fs::create_directories(template_dir_);
    for (const auto& entry : fs::directory_iterator(dir_)) {
        if (entry.is_regular_file()) fs::copy_file(entry.path(), template_dir_ / entry.path().filename());
    }
}

void KillPointTest::open_server() {
    server_.reset();
    store_.reset();
    store::StoreOptions options{(run_dir_ / "spmis.db").string(), &clock_, 0};
    auto opened = store::open_sqlite_store_watched(options, switches_[kServer]);
    ASSERT_TRUE(opened.ok()) << opened.status().to_string();
    store_ = std::move(*opened);
    server_ = std::make_unique<SyncServer>(*store_, clock_, *identity_);
}

void KillPointTest::open_device(int n) {
    Tablet& t = tablets_[static_cast<std::size_t>(n)];
    t.store.reset();
    auto opened = DeviceStore::open((run_dir_ / t.path).string(), *t.clock);
    ASSERT_TRUE(opened.ok()) << opened.status().to_string();
    t.store = std::move(*opened);
    t.store->watch_commits(&switches_[static_cast<std::size_t>(n)]);
}

// A restarted party reopens its file; the crash it simulated happens once.
void KillPointTest::restart(int party) {
    switches_[static_cast<std::size_t>(party)].arm(0, CrashPoint::kBeforeCommit);
    if (party == kServer) {
        open_server();
    } else {
        open_device(party);
    }
}

std::vector<Step> KillPointTest::scenario() {
    auto writes_done = [this](int n, std::size_t count) {
        return [this, n, count] {
            return tablets_[static_cast<std::size_t>(n)].store->outbox()->size() >= count;
        };
    };
    auto redeem = [this](int n) {
        return [this, n]() -> Status {
            RedeemInput in{w_.entitlement, 15'000, "", "", "", false, ""};
            return tablets_[static_cast<std::size_t>(n)].store->redeem(in).status();
        };
    };
    auto transition = [this](int n, model::MembershipState to) {
        return [this, n, to]() -> Status {
            return tablets_[static_cast<std::size_t>(n)]
                .store->transition_membership(w_.membership, to, "moved")
                .status();
        };
    };
    auto sync_round = [this](int n) {
        return [this, n]() -> Status {
            // A dead server answers nothing; an answer computed as it died is lost on the way back.
            LoopbackTransport wire(
                [this](const std::string& ep, const std::string& body) -> Result<std::string> {
                    if (switches_[kServer].fired()) return make_error(ErrorCode::kNetwork, "server down");
                    auto answer = server_->handle(ep, body);
                    if (switches_[kServer].fired()) return make_error(ErrorCode::kNetwork, "server died");
                    return answer;
                });
            Tablet& t = tablets_[static_cast<std::size_t>(n)];
            return SyncClient(*t.store, wire, t.keys, *t.clock, SyncOptions{2, 2048, 2}).round().status();
        };
    };
    std::vector<Step> steps;
    steps.push_back({0,
                     [this] { return tablets_[0].store->record_attendance(w_.household, w_.event).status(); },
                     writes_done(0, 1)});
    steps.push_back({0, redeem(0), writes_done(0, 2)});
    steps.push_back({0, transition(0, model::MembershipState::kPaused), writes_done(0, 3)});
    steps.push_back({1, redeem(1), writes_done(1, 1)});
    steps.push_back({1, transition(1, model::MembershipState::kExited), writes_done(1, 2)});
    for (int pass = 0; pass < 2; ++pass) {
        for (int n = 0; n < kDevices; ++n) steps.push_back({n, sync_round(n)});
    }
    return steps;
}

std::array<std::int64_t, kDevices + 1> KillPointTest::run(int party, std::int64_t commit, CrashPoint point) {
    crashed_ = false;
    fs::remove_all(run_dir_);
    fs::copy(template_dir_, run_dir_);
    for (int p = 0; p <= kServer; ++p) restart(p);
    switches_[static_cast<std::size_t>(party)].arm(commit, point);
    for (const Step& step : scenario()) {
        Status s = step.run();
        auto crashed =
            std::find_if(switches_.begin(), switches_.end(), [](const auto& k) { return k.fired(); });
        if (crashed == switches_.end()) {
            EXPECT_TRUE(s.ok()) << s.to_string();
            continue;
        }
        crashed_ = true;
        restart(static_cast<int>(crashed - switches_.begin()));
        if (step.done()) continue;
        s = step.run();
        EXPECT_TRUE(s.ok()) << "after the restart: " << s.to_string();
    }
    std::array<std::int64_t, kDevices + 1> commits{};
    for (int p = 0; p <= kServer; ++p)
        commits[static_cast<std::size_t>(p)] = switches_[static_cast<std::size_t>(p)].commits();
    return commits;
}

Outcome KillPointTest::outcome() {
    Outcome o;
    o.operations = *store_->operation_log().count_operations();
    o.redeemed_milli = redeemed(w_.entitlement);
    o.attendance = *store_->service_points().count_attendance(w_.event);
    o.membership_state = model::to_string(store_->programs().get_membership(w_.membership)->state);
    auto cases = server_->cases({});
    EXPECT_TRUE(cases.ok());
    for (const auto& c : *cases) {
        std::string line = c.type + "|" + c.key + "|" + c.status;
        for (const auto& l : c.links)
            line += "|" + (l.device_id ? l.device_id->to_string() : "-") + "#" +
                    std::to_string(l.device_seq.value_or(0));
        o.cases.push_back(line);
    }
    std::sort(o.cases.begin(), o.cases.end());
    auto server_view = *store_->change_feed().scope_digest({w_.sp1});
    o.server_view = view_of(server_view.count, server_view.checksum);
    for (const Tablet& t : tablets_) {
        auto held = *t.store->scope_digest();
        o.device_views.push_back(view_of(held.count, held.checksum));
        auto outbox = t.store->outbox();
        EXPECT_TRUE(outbox.ok());
        // Record ids and hashes are minted per run; within the run, the server must hold each
        // operation with the device's hash (exactly once: (device, seq) is its key).
        for (const auto& e : *outbox) {
            auto stored = store_->operation_log().get_operation(e.op.device_id, e.op.device_seq);
            bool same = stored.ok() && stored->has_value() && (*stored)->hash_hex == to_hex(e.op.hash);
            o.outboxes.push_back(e.op.device_id.to_string() + "#" + std::to_string(e.op.device_seq) + ":" +
                                 e.op.op_type + (e.acked ? ":acked:" : ":pending:") +
                                 (e.disposition ? to_string(*e.disposition) : std::string("-")) +
                                 (same ? ":on server" : ":NOT on server"));
        }
    }
    return o;
}

TEST_F(KillPointTest, CrashAtAnyCommitOnDeviceOrServerEndsAsTheCleanRun) {
    auto commits = run(0, 0, CrashPoint::kBeforeCommit);
    const Outcome clean = outcome();
    // The clean run is the converged state the properties promise: every write once, one case each.
    EXPECT_EQ(clean.operations, 5);
    EXPECT_EQ(clean.redeemed_milli, 30'000);
    EXPECT_EQ(clean.attendance, 1);
    EXPECT_EQ(clean.membership_state, "paused");
    ASSERT_EQ(clean.cases.size(), 2u);
    for (const auto& view : clean.device_views) EXPECT_EQ(view, clean.server_view);
    for (int p = 0; p <= kServer; ++p) EXPECT_GT(commits[static_cast<std::size_t>(p)], 3) << "party " << p;

    int crashes = 0;
    for (int party = 0; party <= kServer; ++party) {
        for (std::int64_t k = 1; k <= commits[static_cast<std::size_t>(party)]; ++k) {
            for (CrashPoint point : {CrashPoint::kBeforeCommit, CrashPoint::kAfterCommit}) {
                run(party, k, point);
                EXPECT_TRUE(crashed_) << "party " << party << " never reached commit " << k;
                EXPECT_EQ(outcome(), clean)
                    << "party " << party << " crashed "
                    << (point == CrashPoint::kBeforeCommit ? "before" : "after") << " commit " << k;
                ++crashes;
                if (HasFailure()) return;  // the first divergence is the one worth reading
            }
        }
    }
    std::printf("%d crash runs: commits per run device 0 %lld, device 1 %lld, server %lld\n", crashes,
                static_cast<long long>(commits[0]), static_cast<long long>(commits[1]),
                static_cast<long long>(commits[kServer]));
    EXPECT_GT(crashes, 0);
}

}  // namespace
}  // namespace spmis::sync::testing

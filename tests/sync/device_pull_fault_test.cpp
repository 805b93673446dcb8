// Faults inside the device's pull transaction (issue 17, item 2): a page the real server pulled for
// a device, applied on a real device store whose statement step n inside the transaction fails
// (KillSwitch::arm_step_fault), by an error and by an exception, for n = 1, 2, ... until the page
// applies before step n. After each failure: the error is reported, the device file holds exactly
// what it held, no transaction is left open, and the same page then applies as on an untouched store.

#include <cstdio>

#include "spmis/base/kill_switch.hpp"
#include "spmis/sync/device_store.hpp"
#include "sqlite_file_view.hpp"
#include "sync_fixture.hpp"

namespace spmis::sync::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr std::int64_t kMaxSteps = 4000;

const char* fault_name(StepFault fault) { return fault == StepFault::kThrow ? "exception" : "error"; }

class DevicePullFaultTest : public SyncServerTest {
protected:
    void SetUp() override;
    void TearDown() override {
        device_store_.reset();  // before faults_, which it reports to
        SyncServerTest::TearDown();
        fs::remove_all(scratch_);
    }
    // A fresh copy of the enrolled device's file, reporting to faults_.
    void open_copy();

    SimDevice device_;
    FakeDeviceClock device_clock_{clock_.now(), "boot"};  // the server fixture's day
    KillSwitch faults_;
    std::unique_ptr<DeviceStore> device_store_;
    fs::path scratch_;
    std::string template_, file_;
    PullResponse page_;
};

void DevicePullFaultTest::SetUp() {
    // Kills and faults at SQLite's own commit points, reopening its file.
    if (on_postgres()) GTEST_SKIP() << "SQLite's files only";
    SyncServerTest::SetUp();
    device_ = enroll({w_.sp1});
    // What the page carries: the household, its entitlement after redemptions, a void and a case.
    Operation first = device_.redeem(w_.entitlement, w_.sp1, 15'000);
    Operation second = device_.redeem(w_.entitlement, w_.sp1, 15'000);
    Operation voided = device_.next("redemption.void", "redemption", first.record_id,
                                    {{"redemption_id", first.record_id.to_string()}, {"reason", "twice"}},
                                    json::object(), w_.sp1);
    Operation paused = device_.transition(w_.membership, "enrolled", "paused");
    auto pushed = push(device_, {first, second, voided, paused});
    ASSERT_TRUE(pushed.ok()) << pushed.status().to_string();
    auto body = server_->handle("pull", device_.pull_body(0, 1 << 20));
    ASSERT_TRUE(body.ok()) << body.status().to_string();
    auto page = pull_response_from_json(json::parse(*body));
    ASSERT_TRUE(page.ok()) << page.status().to_string();
    page_ = std::move(*page);
    scratch_ = scratch_directory("spmis-device-fault-");
    template_ = (scratch_ / "device-template.db").string();
    file_ = (scratch_ / "device.db").string();
    auto opened = DeviceStore::open(template_, device_clock_);
    ASSERT_TRUE(opened.ok()) << opened.status().to_string();
    Enrollment e{device_.id, "tablet", "loopback", to_hex(server_->identity().keys.public_key), "", {w_.sp1}};
    ASSERT_TRUE((*opened)->set_enrollment(e).ok());
    ASSERT_TRUE((*opened)->set_officer("officer-1").ok());
}

void DevicePullFaultTest::open_copy() {
    device_store_.reset();
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(file_ + suffix);
    fs::copy_file(template_, file_);
    auto opened = DeviceStore::open(file_, device_clock_);
    ASSERT_TRUE(opened.ok()) << opened.status().to_string();
    device_store_ = std::move(*opened);
    faults_.arm_step_fault(0, StepFault::kError);
    device_store_->watch_commits(&faults_);
}

TEST_F(DevicePullFaultTest, PageFailedAtAnyStepLeavesTheDeviceAsItWasAndThenApplies) {
    open_copy();
    const FileView before = committed_view(file_);
    ASSERT_TRUE(device_store_->apply_pull_page(page_).ok());
    const FileView applied = committed_view(file_);
    ASSERT_NE(applied, before);
    EXPECT_GE(applied.rows.at("pulled"), 3);  // the entitlement, the event and the trust list
    for (StepFault fault : {StepFault::kError, StepFault::kThrow}) {
        std::int64_t n = 1;
        for (; n <= kMaxSteps; ++n) {
            SCOPED_TRACE(std::string(fault_name(fault)) + " at step " + std::to_string(n));
            open_copy();
            faults_.arm_step_fault(n, fault);
            const Status s = device_store_->apply_pull_page(page_);
            const bool reached = faults_.step_fault_fired();
            faults_.arm_step_fault(0, fault);
            if (!reached) {
                ASSERT_TRUE(s.ok()) << s.to_string();
                EXPECT_EQ(committed_view(file_), applied);
                break;
            }
            ASSERT_FALSE(s.ok()) << "the page applied although a step of it failed";
            EXPECT_NE(s.message().find("injected fault"), std::string::npos) << s.to_string();
            EXPECT_EQ(open_transactions(file_), "");
            EXPECT_EQ(committed_view(file_), before);
            const Status again = device_store_->apply_pull_page(page_);
            EXPECT_TRUE(again.ok()) << again.to_string();
            EXPECT_EQ(committed_view(file_), applied);
            if (HasFailure()) return;  // the first divergence is the one worth reading
        }
        ASSERT_LE(n, kMaxSteps) << "the page never applied";
        EXPECT_GT(n, static_cast<std::int64_t>(page_.records.size()));
        std::printf("device pull: an injected %s at each of its %lld steps\n", fault_name(fault),
                    static_cast<long long>(n - 1));
    }
}

}  // namespace
}  // namespace spmis::sync::testing

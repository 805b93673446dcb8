// spmis-field as an officer uses it: the real binary, a temporary home, no server at all.

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "spmis/sync/batch_signature.hpp"
#include "spmis/sync/device_store.hpp"

namespace spmis::sync {
namespace {

using nlohmann::json;

struct CliRun {
    int code = -1;
    std::string out;
};

const std::string kEnt = "01900000-0000-7000-8000-00000000000a";
const std::string kPerson = "01900000-0000-7000-8000-000000000014";
const std::string kEvent = "01900000-0000-7000-8000-0000000001f4";
const std::string kMembership = "01900000-0000-7000-8000-000000000258";

class CliTest : public ::testing::Test {
protected:
    void SetUp() override {
        home_ = std::filesystem::temp_directory_path() /
                ("spmis-cli-" + std::to_string(::getpid()) + "-" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(home_);
    }
    void TearDown() override { std::filesystem::remove_all(home_); }

    CliRun field(const std::string& args) const {
        std::string cmd = std::string(SPMIS_BINARY_DIR) + "/client/spmis-field --home " + home_.string() +
                          " " + args + " 2>/dev/null";
        CliRun r;
        FILE* p = ::popen(cmd.c_str(), "r");
        if (p == nullptr) return r;
        std::array<char, 4096> buf{};
        std::size_t n = 0;
        while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
        int status = ::pclose(p);
        r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        return r;
    }
    static json parse(const CliRun& r) {
        auto j = json::parse(r.out, nullptr, false);
        EXPECT_FALSE(j.is_discarded()) << r.out;
        return j;
    }
    // An initialised, enrolled home holding one entitlement (10 kg left) and one event, as after a sync.
    void prepare_offline_device() {
        ASSERT_EQ(field("init --officer amina").code, 0);
        SystemDeviceClock clock;
        auto store = DeviceStore::open((home_ / "field.db").string(), clock);
        ASSERT_TRUE(store.ok());
        Enrollment e{*Uuid::parse("01900000-0000-7000-8000-000000000001"),
                     "t",
                     "http://127.0.0.1:9",
                     std::string(64, 'a'),
                     "epoch-1",
                     {}};
        ASSERT_TRUE((*store)->set_enrollment(e).ok());
        // Typed as the protocol defines it (the server's record format has one owner).
        PulledEntitlement ent;
        ent.id = *Uuid::parse(kEnt);
        ent.program_id = *Uuid::parse("01900000-0000-7000-8000-000000000320");
        ent.cycle_id = *Uuid::parse("01900000-0000-7000-8000-000000000321");
        ent.registrant_id = *Uuid::parse(kPerson);
        ent.unit = "kg";
        ent.item = "rice";
        ent.quantity_milli = ent.remaining_milli = 10'000;
        ent.valid_from = *parse_date("2000-01-01");  // valid whatever the date the test runs on
        ent.valid_until = *parse_date("2999-12-31");
        ent.beneficiary =
            PulledBeneficiary{*Uuid::parse(kPerson), model::RegistrantKind::kIndividual,
                              "José Álvarez",        "N-1",
                              std::nullopt,          *Uuid::parse("01900000-0000-7000-8000-000000000384")};
        ent.membership = PulledMembership{*Uuid::parse(kMembership), model::MembershipState::kEnrolled};
        PulledEvent event;
        event.id = *Uuid::parse(kEvent);
        event.service_point_id = *Uuid::parse("01900000-0000-7000-8000-000000000322");
        event.program_id = ent.program_id;
        event.starts_at = *parse_time("2026-01-01T08:00:00Z");
        event.ends_at = *parse_time("2026-01-01T17:00:00Z");
        PullResponse page;
        page.records.push_back({1, "entitlement", ent.id, ent});
        page.records.push_back({2, "event", event.id, event});
        page.next_cursor = 2;
        ASSERT_TRUE((*store)->apply_pull_page(page).ok());
    }

    std::filesystem::path home_;
};

// `event list` suggests the event running at the device's clock, else the next to start, else the
// one that ended last; the officer's screen preselects the same one.
TEST_F(CliTest, EventListSuggestsTheEventRunningNowElseTheNext) {
    prepare_offline_device();  // one event on 2026-01-01, 08:00-17:00
    SystemDeviceClock clock;
    auto store = DeviceStore::open((home_ / "field.db").string(), clock);
    ASSERT_TRUE(store.ok());
    PulledEvent later;
    later.id = *Uuid::parse("01900000-0000-7000-8000-000000000399");
    later.service_point_id = *Uuid::parse("01900000-0000-7000-8000-000000000322");
    later.program_id = *Uuid::parse("01900000-0000-7000-8000-000000000320");
    later.starts_at = *parse_time("2026-01-08T08:00:00Z");
    later.ends_at = *parse_time("2026-01-08T17:00:00Z");
    PullResponse page;
    page.records.push_back({3, "event", later.id, later});
    page.next_cursor = 3;
    ASSERT_TRUE((*store)->apply_pull_page(page).ok());
    store->reset();
    const auto suggested = [&](const char* at) {
        return parse(field(std::string("--clock ") + at + " --json event list"))["suggested_event"];
    };
    EXPECT_EQ(suggested("2026-01-01T09:00:00Z"), kEvent) << "running now";
    EXPECT_EQ(suggested("2026-01-01T18:00:00Z"), later.id.to_string()) << "the next to start";
    EXPECT_EQ(suggested("2025-12-01T09:00:00Z"), kEvent) << "the next to start";
    EXPECT_EQ(suggested("2026-03-01T09:00:00Z"), later.id.to_string()) << "the one that ended last";
    const CliRun human = field("--clock 2026-01-08T09:00:00Z event list");
    EXPECT_NE(human.out.find("> " + later.id.to_string()), std::string::npos) << human.out;
}

TEST_F(CliTest, InitCreatesAnOwnerOnlyKeyAndRefusesToOverwriteIt) {
    ASSERT_EQ(field("init").code, 0);
    struct stat st {};
    ASSERT_EQ(::stat((home_ / "device.key").c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    EXPECT_TRUE(std::filesystem::exists(home_ / "field.db"));
    EXPECT_EQ(field("init").code, 2);
}

TEST_F(CliTest, BadUsageExitsTwoAndHelpExitsZero) {
    EXPECT_EQ(field("").code, 2);
    EXPECT_EQ(field("no-such-command").code, 2);
    EXPECT_EQ(field("redeem").code, 2);
    EXPECT_EQ(field("redeem --entitlement not-a-uuid").code, 2);
    EXPECT_EQ(field("--help").code, 0);
    EXPECT_EQ(field("redeem --help").code, 0);
    EXPECT_EQ(field("status").code, 4);  // no store yet
}

TEST_F(CliTest, RedeemAttendAndPauseWorkWithNoNetworkAtAll) {
    prepare_offline_device();
    auto first =
        field("--json redeem --entitlement " + kEnt + " --quantity 4 --collector Maria --relation spouse");
    ASSERT_EQ(first.code, 0) << first.out;
    json j = parse(first);
    EXPECT_EQ(j["quantity_milli"], 4'000);
    EXPECT_EQ(j["estimate_after_milli"], 6'000);
    auto refused = field("--json redeem --entitlement " + kEnt + " --quantity 7");
    EXPECT_EQ(refused.code, 1);
    EXPECT_EQ(parse(refused)["error"]["code"], "refused");
    EXPECT_EQ(field("redeem --entitlement " + kEnt + " --quantity 7 --override").code, 2);
    auto over =
        field("--json redeem --entitlement " + kEnt + " --quantity 7 --override --reason 'truck late'");
    ASSERT_EQ(over.code, 0);
    EXPECT_TRUE(parse(over)["overridden"].get<bool>());
    EXPECT_EQ(
        field("redeem --entitlement " + kEnt + " --quantity 1 --credential 00ff --override --reason x").code,
        0);
    EXPECT_EQ(
        field("redeem --entitlement " + kEnt + " --quantity 1 --credential 00FF --override --reason x").code,
        1);

    EXPECT_EQ(field("event open " + kEvent).code, 0);
    EXPECT_EQ(field("attend --registrant " + kPerson).code, 0);
    EXPECT_EQ(field("attend --registrant " + kPerson).code, 1);
    EXPECT_EQ(field("pause --membership " + kMembership + " --reason travel").code, 0);
    EXPECT_EQ(field("pause --membership " + kMembership + " --reason again").code, 1);

    json found = parse(field("--json find jose"));
    ASSERT_EQ(found["results"].size(), 1u);
    EXPECT_EQ(found["results"][0]["entitlements"][0]["estimate_milli"], -2'000);
    EXPECT_EQ(found["results"][0]["memberships"][0]["state"], "paused");

    json status = parse(field("--json status"));
    EXPECT_EQ(status["pending"], 5);
    EXPECT_EQ(status["officer"], "amina");
    EXPECT_EQ(status["scope_counts"]["entitlement"], 1);
    // No server: the sync fails as a network problem and loses nothing.
    EXPECT_EQ(field("sync --attempts 1").code, 3);
    EXPECT_EQ(field("sync --watch --rounds 2 --interval 1 --attempts 1").code, 3);
    EXPECT_EQ(parse(field("--json status"))["pending"], 5);
}

TEST_F(CliTest, VoidAndUpdateHaveHelpJsonAndTheirExitCodes) {
    EXPECT_EQ(field("void --help").code, 0);
    EXPECT_EQ(field("update --help").code, 0);
    EXPECT_EQ(field("void --reason x").code, 2);  // --redemption is required
    prepare_offline_device();
    auto redeemed = field("--json redeem --entitlement " + kEnt + " --quantity 4");
    ASSERT_EQ(redeemed.code, 0) << redeemed.out;
    const std::string rid = parse(redeemed)["redemption_id"];
    EXPECT_EQ(field("void --redemption " + rid + " --reason ''").code, 2);
    EXPECT_EQ(field("void --redemption not-a-uuid --reason x").code, 2);
    auto voided = field("--json void --redemption " + rid + " --reason 'wrong person'");
    ASSERT_EQ(voided.code, 0) << voided.out;
    EXPECT_EQ(parse(voided)["device_seq"], 2);
    EXPECT_EQ(field("void --redemption " + rid + " --reason again").code, 1);  // already voided
    EXPECT_EQ(field("void --redemption " + kEnt + " --reason x").code, 1);     // not recorded here
    // The voided 4 kg are back in the estimate.
    EXPECT_EQ(parse(field("--json find jose"))["results"][0]["entitlements"][0]["estimate_milli"], 10'000);

    EXPECT_EQ(field("update --registrant " + kPerson + " --set shoe_size=42").code, 2);
    EXPECT_EQ(field("update --registrant " + kPerson + " --set birthdate=yesterday").code, 2);
    EXPECT_EQ(field("update --registrant " + kPerson + " --set phone").code, 2);
    auto updated =
        field("--json update --registrant " + kPerson + " --set phone=+254700000001 --set sex=female");
    ASSERT_EQ(updated.code, 0) << updated.out;
    json u = parse(updated);
    EXPECT_EQ(u["fields"]["phone"], "+254700000001");
    EXPECT_EQ(u["device_seq"], 3);
    EXPECT_EQ(parse(field("--json status"))["pending"], 3);
    // No store: a local store problem.
    std::filesystem::remove(home_ / "field.db");
    EXPECT_EQ(field("void --redemption " + rid + " --reason x").code, 4);
}

TEST_F(CliTest, ExportWritesASignedBundleOfPendingOperations) {
    prepare_offline_device();
    ASSERT_EQ(field("redeem --entitlement " + kEnt + " --quantity 2").code, 0);
    ASSERT_EQ(field("redeem --entitlement " + kEnt + " --quantity 3").code, 0);
    auto bundle_path = home_ / "bundle.json";
    ASSERT_EQ(field("export --out " + bundle_path.string()).code, 0);
    std::ifstream in(bundle_path);
    json bundle = json::parse(in, nullptr, false);
    auto push = push_request_from_json(bundle);
    ASSERT_TRUE(push.ok()) << push.status().to_string();
    ASSERT_EQ(push->ops.size(), 2u);
    std::ifstream key_file(home_ / "device.key");
    std::string seed_hex;
    std::getline(key_file, seed_hex);
    auto keys = key_pair_from_seed(*hash_from_hex(seed_hex));
    EXPECT_TRUE(verify_batch(keys.public_key, push->ops.back(), *signature_from_hex(push->signature_hex)));
}

}  // namespace
}  // namespace spmis::sync

// Two spmis-server nodes on one PostgreSQL database, as a deployment behind a load balancer runs
// them: the second node's data directory holds a copy of the first one's server key (one signer),
// devices enroll through either node, and all of them push at once, half through each node. Every
// device redeemed the same 25 kg entitlement offline, so every push races every other for its
// balance. Afterwards every operation is on the server exactly once, the over-redemption is one
// case linking every device, and every device holds exactly the server's records.
//
// Runs only on PostgreSQL (ctest's two_nodes_e2e_test_on_postgres sets SPMIS_TEST_BACKEND).

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include "device_digest.hpp"
#include "field_cli.hpp"
#include "spmis/store/store.hpp"
#include "spmis/sync/device_clock.hpp"
#include "spmis/sync/device_store.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/sync_world.hpp"
#include "support/temp_dir.hpp"
#include "support/test_database.hpp"

namespace spmis::test {
namespace {

using nlohmann::json;

constexpr int kDevices = 8;

class TwoNodesE2eTest : public ::testing::Test {
protected:
    void SetUp() override {
        if (!database_.postgres())
            GTEST_SKIP() << "two nodes share a PostgreSQL database (SPMIS_TEST_BACKEND)";
        node_data_[0] = dir_.file("node-1");
        node_data_[1] = dir_.file("node-2");
        world_ = seed_sync_world_in_directory(node_data_[0]);
        ASSERT_EQ(run_server_command({"user", "add", "--data", node_data_[0], "--username", "manager",
                                      "--role", "program_manager"},
                                     "manager-password\n"),
                  0);
    }

    std::string mint_code() const {
        std::string out;
        EXPECT_EQ(run_server_command({"device", "code", "--data", node_data_[0], "--service-point", "SP1"},
                                     "", &out),
                  0);
        return trimmed(out);
    }

    TestDatabase database_;
    TempDir dir_;
    std::string node_data_[2];
    SyncWorld world_;
};

TEST_F(TwoNodesE2eTest, ConcurrentPushesThroughBothNodesCountEveryOperationOnceAndRaiseOneCase) {
    ServerProcess first(node_data_[0]);
    // The second node signs with the first one's key: devices see one server.
    std::filesystem::create_directories(node_data_[1]);
    std::filesystem::copy_file(node_data_[0] + "/server.key", node_data_[1] + "/server.key");
    ServerProcess second(node_data_[1]);
    const ServerProcess* nodes[2] = {&first, &second};

    std::vector<std::string> homes;
    for (int i = 0; i < kDevices; ++i) {
        const std::string home = dir_.file("device-" + std::to_string(i));
        homes.push_back(home);
        ASSERT_EQ(field(home, "init --officer officer" + std::to_string(i)).code, 0);
        FieldRun enrolled = field(home, "enroll --server " + nodes[i % 2]->url() + " --code " + mint_code());
        ASSERT_EQ(enrolled.code, 0) << enrolled.out << enrolled.err;
        FieldRun synced = field(home, "sync");
        ASSERT_EQ(synced.code, 0) << synced.out << synced.err;
    }
    // Offline, every device hands out the whole 25 kg to the same household.
    for (const std::string& home : homes) {
        FieldRun attend = field(home, "attend --registrant " + world_.member.to_string() + " --event " +
                                          world_.event.to_string());
        ASSERT_EQ(attend.code, 0) << attend.out << attend.err;
        FieldRun redeem =
            field(home, "redeem --entitlement " + world_.entitlement.to_string() + " --quantity 25");
        ASSERT_EQ(redeem.code, 0) << redeem.out << redeem.err;
    }
    // Back online together: every device syncs at once, half through each node.
    std::vector<FieldRun> runs(homes.size());
    std::vector<std::thread> syncing;
    for (std::size_t i = 0; i < homes.size(); ++i)
        syncing.emplace_back([&, i] { runs[i] = field(homes[i], "sync"); });
    for (auto& t : syncing) t.join();
    for (std::size_t i = 0; i < homes.size(); ++i) EXPECT_EQ(runs[i].code, 0) << runs[i].out << runs[i].err;
    // A second round delivers what the others' pushes changed (the case, the balance).
    for (const std::string& home : homes) EXPECT_EQ(field(home, "sync").code, 0) << home;

    auto store = open_test_store(node_data_[0]);
    ASSERT_TRUE(store.ok()) << store.status().to_string();
    auto ops = (*store)->operation_log().count_operations();
    ASSERT_TRUE(ops.ok());
    EXPECT_EQ(*ops, 2 * kDevices);  // one attendance and one redemption per device, each exactly once
    EXPECT_EQ(*(*store)->service_points().redeemed_milli(world_.entitlement), 25'000 * kDevices);
    store::CaseFilter over;
    over.type = "over_redemption";
    auto cases = (*store)->cases().list_cases(over);
    ASSERT_TRUE(cases.ok()) << cases.status().to_string();
    ASSERT_EQ(cases->size(), 1u) << "one over-redemption, however many nodes saw it";
    std::set<Uuid> linked_devices;
    for (const store::CaseLink& link : cases->front().links)
        if (link.device_id) linked_devices.insert(*link.device_id);
    EXPECT_EQ(linked_devices.size(), static_cast<std::size_t>(kDevices)) << "every device's hand-over";
    expect_devices_hold_the_server_scope(**store, world_.sp1, homes);
    EXPECT_EQ(first.stop(), 0);
    EXPECT_EQ(second.stop(), 0);
}

// The cluster's URL for the password-checked role (tests/support/pg_cluster.sh), with another password.
std::string with_wrong_password() {
    std::ifstream in(std::string(SPMIS_BINARY_DIR) + "/pg-cluster/password_url");
    std::string url;
    std::getline(in, url);
    const std::size_t colon = url.find(':', url.find("://") + 3);
    const std::size_t at = url.find('@');
    if (colon == std::string::npos || at == std::string::npos) return url;
    return url.substr(0, colon + 1) + "wrong-secret" + url.substr(at);
}

// A database a node cannot use stops it at start-up with a message that says why (never a password).
TEST_F(TwoNodesE2eTest, ABadDatabaseSettingFailsAtStartWithAClearMessage) {
    const auto serve = [&](const std::string& database) {
        return run_server_cli(
            "serve --data " + node_data_[0] + " --listen 127.0.0.1:0 --database '" + database + "'",
            CliOutput::kStdoutAndStderr, std::chrono::seconds(30));
    };
    const CliRun unreachable =
        serve("postgresql://spmis:hidden-secret@127.0.0.1:1/nowhere?connect_timeout=2");
    EXPECT_NE(unreachable.exit_code, 0);
    EXPECT_NE(
        unreachable.out.find("cannot connect to PostgreSQL at postgresql://spmis:***@127.0.0.1:1/nowhere"),
        std::string::npos)
        << unreachable.out;
    EXPECT_EQ(unreachable.out.find("hidden-secret"), std::string::npos) << unreachable.out;

    const CliRun refused = serve(with_wrong_password());
    EXPECT_NE(refused.exit_code, 0);
    EXPECT_NE(refused.out.find("password authentication failed"), std::string::npos) << refused.out;
    EXPECT_EQ(refused.out.find("wrong-secret"), std::string::npos) << refused.out;

    // Migrated by a newer build: refused, naming both versions, and left as it was.
    ASSERT_TRUE(
        database_.exec("INSERT INTO schema_migrations (version, description) VALUES (99, 'future')").ok());
    const CliRun newer = serve(database_.url());
    EXPECT_NE(newer.exit_code, 0);
    EXPECT_NE(newer.out.find("schema version 99"), std::string::npos) << newer.out;
}

// /healthz answers for the database too: a load balancer takes a node whose database is gone out.
TEST_F(TwoNodesE2eTest, HealthReportsALostDatabase) {
    ServerProcess node(node_data_[0]);
    HttpClient client(node.url());
    HttpResult healthy = client.get("/healthz");
    EXPECT_EQ(healthy.status, 200) << healthy.body;
    EXPECT_EQ(healthy.json().value("database", ""), "ok") << healthy.body;
    // /metrics reports the database's size from PostgreSQL (a SQLite file's size would read 0 here).
    const std::string metrics = client.get("/metrics").body;
    const std::size_t at = metrics.find("\nspmis_database_size_bytes ");
    ASSERT_NE(at, std::string::npos) << metrics;
    EXPECT_GT(std::stoll(metrics.substr(at + 27)), 1'000'000) << "a database with the whole schema";
    ASSERT_TRUE(database_.drop().ok());
    HttpResult lost = client.get("/healthz");
    EXPECT_EQ(lost.status, 503) << lost.body;
    EXPECT_EQ(lost.json().value("status", ""), "unavailable") << lost.body;
    EXPECT_FALSE(lost.json().value("database", "").empty()) << lost.body;
    EXPECT_EQ(client.get("/metrics").body.find("\nspmis_database_size_bytes "), std::string::npos)
        << "no size rather than a wrong one";
    node.stop();
}

// Failed logins are counted in the database: guessing through two nodes gives no extra tries.
TEST_F(TwoNodesE2eTest, FailedLoginsThroughOneNodeLockTheUserOutOnTheOther) {
    ServerProcess first(node_data_[0]);
    std::filesystem::create_directories(node_data_[1]);
    std::filesystem::copy_file(node_data_[0] + "/server.key", node_data_[1] + "/server.key");
    ServerProcess second(node_data_[1]);
    const json wrong = {{"username", "manager"}, {"password", "not-the-password"}};
    HttpClient one(first.url());
    HttpClient two(second.url());
    // Five wrong passwords, the free ones per user, alternating nodes: three through the first, two
    // through the second. Counted per node, the second would still let the right password in.
    for (int i = 0; i < 5; ++i)
        EXPECT_EQ((i % 2 == 0 ? one : two).post_json("/api/v1/auth/login", wrong).status, 401) << i;
    HttpResult locked =
        two.post_json("/api/v1/auth/login", {{"username", "manager"}, {"password", "manager-password"}});
    EXPECT_EQ(locked.status, 429) << locked.body;
    EXPECT_FALSE(locked.header("retry-after").empty());
    EXPECT_EQ(first.stop(), 0);
    EXPECT_EQ(second.stop(), 0);
}

}  // namespace
}  // namespace spmis::test

// Restore from backup with a device ahead of it, over real HTTP: the real spmis-server and a real
// spmis-field home. The backup is taken while the server runs; the device then records one more
// operation and syncs it; the server is restored (new epoch) and restarted on the same port. After
// two rounds the server holds every operation exactly once. The same on PostgreSQL
// (ops_restore_sync_test_on_postgres): the backup holds pg_dump's dump, and the lost database is
// replaced by an empty one that the dump is restored into.

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "shell.hpp"
#include "spmis/store/store.hpp"
#include "support/server_process.hpp"
#include "support/sync_world.hpp"
#include "support/temp_dir.hpp"
#include "support/test_database.hpp"

namespace spmis::test {
namespace {

using nlohmann::json;

struct Field {
    int code = -1;
    json doc;
    std::string output;
};

Field field(const std::string& home, const std::string& args) {
    const std::string binary = std::string("'") + SPMIS_BINARY_DIR + "/client/spmis-field'";
    // stderr to a file so that stdout stays one JSON document.
    ShellRun run = shell(binary + " --json --home " + home + " " + args + " 2>>" + home + ".stderr");
    Field f{run.code, json::parse(run.output, nullptr, false), run.output};
    return f;
}

std::int64_t server_operations(const std::string& data) {
    auto store = open_test_store(data);
    EXPECT_TRUE(store.ok()) << store.status().to_string();
    if (!store.ok()) return -1;
    auto count = (*store)->operation_log().count_operations();
    return count.ok() ? *count : -1;
}

std::string server_epoch(const std::string& data) {
    auto store = open_test_store(data);
    if (!store.ok()) return {};
    auto epoch = (*store)->server_meta().get_meta("epoch");
    return epoch.ok() && epoch->has_value() ? **epoch : std::string();
}

TEST(RestoreSyncTest, DeviceRepushesWhatTheRestoredServerLacksExactlyOnce) {
    TestDatabase database;
    TempDir dir;
    const std::string data = dir.file("data");
    const std::string home = dir.file("device");
    const std::string backup = dir.file("spmis.backup");
    std::filesystem::create_directories(data);  // on PostgreSQL only the server key lives there
    const SyncWorld world = seed_sync_world_in_directory(data);
    std::string code;
    ASSERT_EQ(run_server_command({"device", "code", "--data", data, "--service-point", "SP1"}, "", &code), 0);
    while (!code.empty() && (code.back() == '\n' || code.back() == ' ')) code.pop_back();

    std::string port;
    {
        ServerProcess server(data);
        port = server.url().substr(server.url().rfind(':') + 1);
        ASSERT_EQ(field(home, "init --officer amina").code, 0);
        Field enrolled = field(home, "enroll --server " + server.url() + " --code " + code);
        ASSERT_EQ(enrolled.code, 0) << enrolled.output;
        ASSERT_EQ(field(home, "sync").code, 0);
        Field attended = field(
            home, "attend --registrant " + world.member.to_string() + " --event " + world.event.to_string());
        ASSERT_EQ(attended.code, 0) << attended.output;
        Field first = field(home, "sync");
        ASSERT_EQ(first.code, 0) << first.output;
        EXPECT_EQ(first.doc.value("pushed", -1), 1);

        // Online backup: the server is running.
        std::string out;
        ASSERT_EQ(run_server_command({"backup", "--data", data, "--out", backup}, "", &out), 0) << out;
        ShellRun verified = shell(server_command() + " backup verify " + backup);
        ASSERT_EQ(verified.code, 0) << verified.output;

        Field redeemed =
            field(home, "redeem --entitlement " + world.entitlement.to_string() + " --quantity 10");
        ASSERT_EQ(redeemed.code, 0) << redeemed.output;
        Field second = field(home, "sync");
        ASSERT_EQ(second.code, 0) << second.output;
        EXPECT_EQ(second.doc.value("pushed", -1), 1);
        ASSERT_EQ(server.stop(), 0);
    }
    ASSERT_EQ(server_operations(data), 2);
    const std::string old_epoch = server_epoch(data);

    // Disaster: the data directory (and the database) is lost; restore the backup into fresh ones.
    std::filesystem::rename(data, dir.file("data.lost"));
    if (database.postgres()) {
        ASSERT_TRUE(database.recreate().ok());
    }
    ShellRun restored = shell(server_command() + " restore --data " + data + " " + backup);
    ASSERT_EQ(restored.code, 0) << restored.output;
    EXPECT_EQ(server_operations(data), 1) << "the backup predates the redemption";
    EXPECT_NE(server_epoch(data), old_epoch);
    EXPECT_FALSE(server_epoch(data).empty());

    {
        ServerProcess server(ServerProcess::Binary{server_binary()},
                             {"serve", "--data", data, "--listen", "127.0.0.1:" + port},
                             std::chrono::seconds(20));
        Field round1 = field(home, "sync");
        ASSERT_EQ(round1.code, 0) << round1.output;
        EXPECT_EQ(round1.doc.value("pushed", -1), 1) << round1.output;
        Field round2 = field(home, "sync");
        ASSERT_EQ(round2.code, 0) << round2.output;
        EXPECT_EQ(round2.doc.value("pushed", -1), 0) << round2.output;
        EXPECT_TRUE(round2.doc.value("scope_matches", false)) << round2.output;
        EXPECT_EQ(field(home, "status").doc.value("pending", -1), 0);
        ASSERT_EQ(server.stop(), 0);
    }
    auto store = open_test_store(data);
    ASSERT_TRUE(store.ok());
    auto operations = (*store)->operation_log().count_operations();
    auto attendance = (*store)->service_points().count_attendance(world.event);
    auto redeemed = (*store)->service_points().redeemed_milli(world.entitlement);
    ASSERT_TRUE(operations.ok() && attendance.ok() && redeemed.ok());
    EXPECT_EQ(*operations, 2) << "every operation exactly once";
    EXPECT_EQ(*attendance, 1);
    EXPECT_EQ(*redeemed, 10'000);

    if (database.postgres()) {
        // A dump goes only into an empty database, and only where --database names one.
        ShellRun over =
            shell(server_command() + " restore --data " + dir.file("again") + " " + backup + " 2>&1");
        EXPECT_NE(over.code, 0);
        EXPECT_NE(over.output.find("not an empty database"), std::string::npos) << over.output;
        ShellRun no_database = shell(server_command() + " --database sqlite restore --data " +
                                     dir.file("again") + " " + backup + " 2>&1");
        EXPECT_NE(no_database.code, 0);
        EXPECT_NE(no_database.output.find("restore it with --database"), std::string::npos)
            << no_database.output;
        EXPECT_FALSE(std::filesystem::exists(dir.file("again")));
        EXPECT_EQ(server_operations(data), 2) << "the refused restores changed nothing";
    }
}

}  // namespace
}  // namespace spmis::test

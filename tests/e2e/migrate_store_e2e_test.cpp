// A SQLite site moved to PostgreSQL with `spmis-server migrate-store`, as an operator does it: the
// server stopped, the store copied, the server started again on PostgreSQL with the same data
// directory (its key). Devices enrolled before the move keep syncing without re-enrolling: one
// pushes what it recorded offline across the move, every device ends holding exactly the server's
// records, and the staff API answers byte for byte as it did on SQLite.
//
// Runs only on PostgreSQL (ctest's migrate_store_e2e_test_on_postgres sets SPMIS_TEST_BACKEND).

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "device_digest.hpp"
#include "field_cli.hpp"
#include "spmis/store/store.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/sync_world.hpp"
#include "support/temp_dir.hpp"
#include "support/test_database.hpp"

namespace spmis::test {
namespace {

constexpr int kDevices = 3;

// The staff reads compared before and after the move, and who makes them.
const std::pair<const char*, const char*> kStaffReads[] = {{"manager", "/api/v1/registrants?limit=50"},
                                                           {"manager", "/api/v1/programs"},
                                                           {"manager", "/api/v1/reconciliation"},
                                                           {"admin", "/api/v1/devices"}};

class MigrateStoreE2eTest : public ::testing::Test {
protected:
    void SetUp() override {
        if (!database_.postgres()) GTEST_SKIP() << "moves into a PostgreSQL database (SPMIS_TEST_BACKEND)";
        // The site starts on SQLite: every server and command of the first half reads its directory.
        unsetenv("SPMIS_DATABASE");
        data_ = dir_.file("site");
        world_ = seed_sync_world_in_directory(data_);
        for (const char* role : {"program_manager", "administrator"}) {
            const std::string user = role == std::string("administrator") ? "admin" : "manager";
            ASSERT_EQ(run_server_command({"user", "add", "--data", data_, "--username", user, "--role", role},
                                         user + "-password\n"),
                      0);
        }
    }

    // Every later server and command uses the PostgreSQL database.
    void switch_to_postgres() const { setenv("SPMIS_DATABASE", database_.url().c_str(), 1); }

    std::string mint_code() const {
        std::string out;
        EXPECT_EQ(run_server_command({"device", "code", "--data", data_, "--service-point", "SP1"}, "", &out),
                  0);
        return trimmed(out);
    }

    static std::map<std::string, std::string> staff_reads(const ServerProcess& server) {
        std::map<std::string, std::string> bodies;
        for (const auto& [user, path] : kStaffReads) {
            HttpClient staff(server.url());
            HttpResult login = staff.post_json(
                "/api/v1/auth/login", {{"username", user}, {"password", std::string(user) + "-password"}});
            EXPECT_EQ(login.status, 200) << login.body;
            staff.set_bearer(login.json().value("token", ""));
            HttpResult r = staff.get(path);
            EXPECT_EQ(r.status, 200) << path << ": " << r.body;
            bodies[path] = r.body;
        }
        return bodies;
    }

    // A walk-in complaint about the world's basket, opened by the manager; its ticket number.
    std::string open_grievance(const ServerProcess& server) const {
        HttpClient manager(server.url());
        HttpResult login = manager.post_json("/api/v1/auth/login",
                                             {{"username", "manager"}, {"password", "manager-password"}});
        manager.set_bearer(login.json().value("token", ""));
        HttpResult opened =
            manager.post_json("/api/v1/grievances", {{"category", "in_kind_not_received"},
                                                     {"subcategory", "incomplete"},
                                                     {"priority", "high"},
                                                     {"channel", "walk_in"},
                                                     {"complainant_id", world_.member.to_string()},
                                                     {"description", "The basket had no oil"},
                                                     {"household_id", world_.household.to_string()},
                                                     {"entitlement_id", world_.entitlement.to_string()}});
        EXPECT_EQ(opened.status, 201) << opened.body;
        return opened.json().value("number", "");
    }

    CliRun migrate(const std::string& from) const {
        return run_server_cli("migrate-store --from " + from + " --to '" + database_.url() + "'");
    }

    TestDatabase database_;
    TempDir dir_;
    std::string data_;
    SyncWorld world_;
};

TEST_F(MigrateStoreE2eTest, DevicesKeepSyncingAcrossTheMoveAndNothingIsLostOrRepeated) {
    std::vector<std::string> homes;
    std::map<std::string, std::string> before;
    std::string listen;      // the site's address, which the devices keep
    std::string redemption;  // the first device's
    {
        ServerProcess sqlite_server(data_);
        for (int i = 0; i < kDevices; ++i) {
            const std::string home = dir_.file("device-" + std::to_string(i));
            homes.push_back(home);
            ASSERT_EQ(field(home, "init --officer officer" + std::to_string(i)).code, 0);
            FieldRun enrolled =
                field(home, "enroll --server " + sqlite_server.url() + " --code " + mint_code());
            ASSERT_EQ(enrolled.code, 0) << enrolled.out << enrolled.err;
            ASSERT_EQ(field(home, "sync").code, 0) << home;
        }
        // Each device records a hand-over and syncs; the last two over-redeem between them, so the
        // server holds a reconciliation case with links to operations.
        for (const std::string& home : homes) {
            ASSERT_EQ(field(home, "attend --registrant " + world_.member.to_string() + " --event " +
                                      world_.event.to_string())
                          .code,
                      0);
            FieldRun redeemed =
                field(home, "redeem --entitlement " + world_.entitlement.to_string() + " --quantity 10");
            ASSERT_EQ(redeemed.code, 0) << redeemed.out << redeemed.err;
            if (redemption.empty()) redemption = redeemed.doc().value("redemption_id", "");
            FieldRun synced = field(home, "sync");
            ASSERT_EQ(synced.code, 0) << synced.out << synced.err;
        }
        for (const std::string& home : homes) ASSERT_EQ(field(home, "sync").code, 0) << home;
        EXPECT_EQ(open_grievance(sqlite_server), "GRV-000001");
        before = staff_reads(sqlite_server);
        listen = sqlite_server.url().substr(sqlite_server.url().find("://") + 3);
        EXPECT_EQ(sqlite_server.stop(), 0);
    }
    // Offline while the site moves, the first device voids its hand-over.
    FieldRun voided = field(homes[0], "void --redemption " + redemption + " --reason 'handed back'");
    ASSERT_EQ(voided.code, 0) << voided.out << voided.err;
    store::ScopeDigest sqlite_digest;
    std::int64_t sqlite_operations = 0;
    {
        auto sqlite_store = store::open_store_in_directory(data_);
        ASSERT_TRUE(sqlite_store.ok()) << sqlite_store.status().to_string();
        sqlite_digest = *(*sqlite_store)->change_feed().scope_digest({world_.sp1});
        sqlite_operations = *(*sqlite_store)->operation_log().count_operations();
    }
    ASSERT_EQ(sqlite_operations, 2 * kDevices);

    const CliRun moved = migrate(data_);
    ASSERT_EQ(moved.exit_code, 0) << moved.out;
    EXPECT_NE(moved.out.find("counts and checksums agree"), std::string::npos) << moved.out;
    EXPECT_NE(moved.out.find("sync_operations                          6"), std::string::npos) << moved.out;

    // The old directory is no longer a store: a server started on it by mistake refuses.
    const CliRun stale = run_server_cli("serve --data " + data_ + " --listen 127.0.0.1:0",
                                        CliOutput::kStdoutAndStderr, std::chrono::seconds(30));
    EXPECT_NE(stale.exit_code, 0);
    EXPECT_NE(stale.out.find("was moved to"), std::string::npos) << stale.out;

    switch_to_postgres();
    {
        auto moved_store = open_test_store(data_);
        ASSERT_TRUE(moved_store.ok()) << moved_store.status().to_string();
        const store::ScopeDigest digest = *(*moved_store)->change_feed().scope_digest({world_.sp1});
        EXPECT_EQ(digest.count, sqlite_digest.count);
        EXPECT_EQ(digest.checksum, sqlite_digest.checksum) << "every record with its server_seq";
        EXPECT_EQ(*(*moved_store)->operation_log().count_operations(), sqlite_operations);
    }
    // Same directory (the same server key) and the same address: the devices notice nothing.
    ServerProcess postgres_server(ServerProcess::Binary{server_binary()},
                                  {"serve", "--data", data_, "--listen", listen}, std::chrono::seconds(30));
    EXPECT_EQ(staff_reads(postgres_server), before);
    EXPECT_EQ(open_grievance(postgres_server), "GRV-000002") << "ticket numbers continue after the move";
    for (const std::string& home : homes) {
        FieldRun synced = field(home, "sync");
        EXPECT_EQ(synced.code, 0) << synced.out << synced.err;
    }
    for (const std::string& home : homes) EXPECT_EQ(field(home, "sync").code, 0) << home;
    auto store = open_test_store(data_);
    ASSERT_TRUE(store.ok());
    EXPECT_EQ(*(*store)->operation_log().count_operations(), sqlite_operations + 1)
        << "the offline void, once";
    EXPECT_EQ(*(*store)->service_points().redeemed_milli(world_.entitlement), 20'000)
        << "30 kg less the void";
    expect_devices_hold_the_server_scope(**store, world_.sp1, homes);
    EXPECT_EQ(postgres_server.stop(), 0);
}

// A target that holds anything is refused and left as it was; so are a missing store and a target
// that is not PostgreSQL. The refused runs create nothing.
TEST_F(MigrateStoreE2eTest, RefusesANonEmptyTargetAMissingStoreAndABadAddress) {
    const std::string copy = dir_.file("copy");
    std::filesystem::copy(data_, copy, std::filesystem::copy_options::recursive);
    ASSERT_EQ(migrate(data_).exit_code, 0);

    const CliRun again = migrate(copy);
    EXPECT_NE(again.exit_code, 0);
    EXPECT_NE(again.out.find("not empty"), std::string::npos) << again.out;
    switch_to_postgres();
    auto store = open_test_store(copy);
    ASSERT_TRUE(store.ok());
    EXPECT_EQ(*(*store)->operation_log().count_operations(), 0);
    unsetenv("SPMIS_DATABASE");
    EXPECT_TRUE(store::open_store_in_directory(copy).ok()) << "a refused copy leaves its source servable";

    const std::string nowhere = dir_.file("no-store-here");
    const CliRun missing = migrate(nowhere);
    EXPECT_NE(missing.exit_code, 0);
    EXPECT_NE(missing.out.find("no SQLite store"), std::string::npos) << missing.out;
    EXPECT_FALSE(std::filesystem::exists(nowhere));

    const CliRun not_postgres = run_server_cli("migrate-store --from " + copy + " --to " + dir_.file("x"));
    EXPECT_NE(not_postgres.exit_code, 0);
    EXPECT_NE(not_postgres.out.find("postgresql://"), std::string::npos) << not_postgres.out;
}

}  // namespace
}  // namespace spmis::test

// The whole sync path over real HTTP on 127.0.0.1: the real spmis-server on a seeded data dir,
// two real spmis-field homes enrolled with codes from `spmis-server device code`, an offline
// over-redemption of the same 25 kg entitlement, then reconciliation and convergence checks.

#include <gtest/gtest.h>

#include <sodium.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <set>

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

class SyncHttpE2eTest : public ::testing::Test {
protected:
    void SetUp() override {
        data_ = dir_.file("data");
        home_a_ = dir_.file("device-a");
        home_b_ = dir_.file("device-b");
        world_ = seed_sync_world_in_directory(data_);
        std::string out;
        ASSERT_EQ(run_server_command(
                      {"user", "add", "--data", data_, "--username", "admin", "--role", "administrator"},
                      "admin-password\n"),
                  0);
        ASSERT_EQ(run_server_command(
                      {"user", "add", "--data", data_, "--username", "manager", "--role", "program_manager"},
                      "manager-password\n"),
                  0);
    }

    std::string mint_code() const {
        std::string out;
        EXPECT_EQ(run_server_command({"device", "code", "--data", data_, "--service-point", "SP1"}, "", &out),
                  0);
        return trimmed(out);
    }

    // Logs in and returns a client carrying the bearer token.
    static HttpClient login(const ServerProcess& server, const std::string& user,
                            const std::string& password) {
        HttpClient client(server.url());
        HttpResult r = client.post_json("/api/v1/auth/login", {{"username", user}, {"password", password}});
        EXPECT_EQ(r.status, 200) << r.body;
        client.set_bearer(r.json().value("token", ""));
        return client;
    }

    void enroll_and_sync(const ServerProcess& server, const std::string& home, const std::string& officer) {
        ASSERT_EQ(field(home, "init --officer " + officer).code, 0);
        FieldRun enrolled = field(home, "enroll --server " + server.url() + " --code " + mint_code());
        ASSERT_EQ(enrolled.code, 0) << enrolled.out << enrolled.err;
        FieldRun synced = field(home, "sync");
        ASSERT_EQ(synced.code, 0) << synced.out << synced.err;
        FieldRun status = field(home, "status");
        EXPECT_EQ(status.doc()["scope_counts"].value("entitlement", -1), 1) << status.out;
        EXPECT_EQ(status.doc()["scope_counts"].value("event", -1), 1) << status.out;
    }

    // Offline on the device: attendance at the event and the whole 25 kg.
    void attend_and_redeem_all(const std::string& home) {
        FieldRun attend = field(home, "attend --registrant " + world_.member.to_string() + " --event " +
                                          world_.event.to_string());
        ASSERT_EQ(attend.code, 0) << attend.out << attend.err;
        FieldRun redeem =
            field(home, "redeem --entitlement " + world_.entitlement.to_string() + " --quantity 25");
        ASSERT_EQ(redeem.code, 0) << redeem.out << redeem.err;
        EXPECT_EQ(redeem.doc().value("quantity_milli", 0), 25'000);
    }

    static json sync_ok(const std::string& home) {
        FieldRun r = field(home, "sync");
        EXPECT_EQ(r.code, 0) << r.out << r.err;
        return r.doc();
    }

    // The SP1 row of the program's monitoring figures, read over HTTP by the program manager.
    json sp1_monitoring(const ServerProcess& server) const {
        HttpClient manager = login(server, "manager", "manager-password");
        HttpResult r = manager.get("/api/v1/monitoring/programs/" + world_.program.to_string());
        EXPECT_EQ(r.status, 200) << r.body;
        for (const json& point : r.json().value("service_points", json::array())) {
            if (point.value("code", "") == "SP1") return point;
        }
        ADD_FAILURE() << "no SP1 row in " << r.body;
        return json::object();
    }

    TestDatabase database_;  // SQLite, or PostgreSQL when ctest says so (SPMIS_TEST_BACKEND)
    TempDir dir_;
    std::string data_, home_a_, home_b_;
    SyncWorld world_;
};

TEST_F(SyncHttpE2eTest, TwoOfflineDevicesOverRedeemAndConvergeWithOneCase) {
    std::string port;
    {
        ServerProcess server(data_);
        port = server.url().substr(server.url().rfind(':') + 1);
        enroll_and_sync(server, home_a_, "amina");
        enroll_and_sync(server, home_b_, "baraka");
        // Before the hand-overs the program's monitoring shows 25 kg entitled at SP1 and none redeemed.
        const json before = sp1_monitoring(server);
        EXPECT_DOUBLE_EQ(before.value("entitled", -1.0), 25.0) << before.dump();
        EXPECT_DOUBLE_EQ(before.value("redeemed", -1.0), 0.0) << before.dump();
        ASSERT_EQ(server.stop(), 0);
    }
    // Offline: both devices still see 25 kg and hand out all of it, with no override needed.
    attend_and_redeem_all(home_a_);
    attend_and_redeem_all(home_b_);
    FieldRun offline = field(home_a_, "sync --attempts 1");
    EXPECT_EQ(offline.code, 3) << offline.out << offline.err;

    // Devices remember the server's URL: restart on the same port.
    ServerProcess server(ServerProcess::Binary{server_binary()},
                         {"serve", "--data", data_, "--listen", "127.0.0.1:" + port},
                         std::chrono::seconds(20));
    json a1 = sync_ok(home_a_);
    json b1 = sync_ok(home_b_);
    EXPECT_EQ(a1.value("pushed", -1), 2);
    EXPECT_EQ(b1.value("pushed", -1), 2);
    EXPECT_GE(b1.value("flagged", -1), 1);  // B's redemption crossed the 25 kg
    // A second round changes nothing on the server and pushes nothing.
    json a2 = sync_ok(home_a_);
    json b2 = sync_ok(home_b_);
    EXPECT_EQ(a2.value("pushed", -1), 0);
    EXPECT_EQ(b2.value("pushed", -1), 0);
    EXPECT_TRUE(a2.value("scope_matches", false));
    EXPECT_TRUE(b2.value("scope_matches", false));

    HttpClient manager = login(server, "manager", "manager-password");
    HttpResult cases = manager.get("/api/v1/reconciliation?type=over_redemption");
    ASSERT_EQ(cases.status, 200) << cases.body;
    ASSERT_EQ(cases.json()["cases"].size(), 1U) << cases.body;
    const json over = cases.json()["cases"][0];
    EXPECT_EQ(over["record_id"], world_.entitlement.to_string());
    std::set<std::string> linked_devices;
    for (const json& link : over["links"]) {
        if (link["device_id"].is_string()) linked_devices.insert(link["device_id"].get<std::string>());
    }
    EXPECT_EQ(linked_devices.size(), 2U) << over.dump();

    // Monitoring counts both synced hand-overs (50 kg against 25 entitled) exactly once.
    const json after = sp1_monitoring(server);
    EXPECT_DOUBLE_EQ(after.value("entitled", -1.0), 25.0) << after.dump();
    EXPECT_DOUBLE_EQ(after.value("redeemed", -1.0), 50.0) << after.dump();

    for (const std::string& home : {home_a_, home_b_}) {
        FieldRun status = field(home, "status");
        EXPECT_EQ(status.doc().value("pending", -1), 0) << status.out;
    }
    {
        auto store = open_test_store(data_);
        ASSERT_TRUE(store.ok()) << store.status().to_string();
        auto ops = (*store)->operation_log().count_operations();
        ASSERT_TRUE(ops.ok());
        EXPECT_EQ(*ops, 4);  // two attendances, two redemptions, each exactly once
        EXPECT_EQ(*(*store)->service_points().count_attendance(world_.event), 1);
        EXPECT_EQ(*(*store)->service_points().redeemed_milli(world_.entitlement), 50'000);
        auto server_digest = (*store)->change_feed().scope_digest({world_.sp1});
        ASSERT_TRUE(server_digest.ok());
        for (const std::string& home : {home_a_, home_b_}) {
            store::ScopeDigest d = device_digest(home);
            EXPECT_EQ(d.count, server_digest->count) << home;
            EXPECT_EQ(d.checksum, server_digest->checksum) << home;
        }
    }
    EXPECT_EQ(server.stop(), 0);
    // The operator's view of the same queue, offline on the data directory.
    std::string listed;
    ASSERT_EQ(
        run_server_command({"reconciliation", "list", "--data", data_, "--type", "over_redemption", "--json"},
                           "", &listed),
        0);
    const json offline_cases = json::parse(listed, nullptr, false);
    ASSERT_EQ(offline_cases["cases"].size(), 1U) << listed;
    EXPECT_EQ(offline_cases["cases"][0]["id"], over["id"]);
}

TEST_F(SyncHttpE2eTest, RevokedDeviceIsRefusedWithExitCode3) {
    ServerProcess server(data_);
    enroll_and_sync(server, home_a_, "amina");
    HttpClient admin = login(server, "admin", "admin-password");
    HttpResult devices = admin.get("/api/v1/devices");
    ASSERT_EQ(devices.status, 200) << devices.body;
    ASSERT_EQ(devices.json()["devices"].size(), 1U);
    const std::string id = devices.json()["devices"][0]["id"];
    HttpResult revoked = admin.post_json("/api/v1/devices/" + id + "/revoke", {{"reason", "lost tablet"}});
    ASSERT_EQ(revoked.status, 200) << revoked.body;

    FieldRun refused = field(home_a_, "sync --attempts 1");
    EXPECT_EQ(refused.code, 3) << refused.out << refused.err;
    EXPECT_NE((refused.out + refused.err).find("revoked"), std::string::npos) << refused.out << refused.err;
    EXPECT_EQ(admin.get("/api/v1/devices").json()["devices"][0]["state"], "revoked");
    EXPECT_EQ(server.stop(), 0);
}

// The code's QR image as `zbarimg --raw` (Debian zbar-tools) reads it; "" when it finds no symbol.
std::string scan_base64_png(const std::string& base64, const std::string& path) {
    std::string png(base64.size(), '\0');
    std::size_t length = 0;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(png.data()), png.size(), base64.data(),
                          base64.size(), nullptr, &length, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
        return "";
    std::ofstream(path, std::ios::binary).write(png.data(), static_cast<std::streamsize>(length));
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(("zbarimg --raw -q '" + path + "'").c_str(), "r"),
                                               pclose);
    std::string out;
    char buffer[256];
    while (pipe && fgets(buffer, sizeof buffer, pipe.get()) != nullptr) out += buffer;
    if (!out.empty() && out.back() == '\n') out.pop_back();
    return out;
}

TEST_F(SyncHttpE2eTest, EnrollmentCodeIsOneTimeAndStaffRoutesNeedTheirRole) {
    ServerProcess server(data_);
    HttpClient admin = login(server, "admin", "admin-password");
    HttpResult minted = admin.post_json("/api/v1/devices/enrollment-codes",
                                        {{"service_point_codes", {"SP1"}}, {"expires_in_hours", 2}});
    ASSERT_EQ(minted.status, 201) << minted.body;
    ASSERT_EQ(field(home_a_, "init").code, 0);
    const std::string code = minted.json()["code"];
    // The tablet enrolls with what its camera reads from the QR image the console shows.
    const std::string scanned = scan_base64_png(minted.json()["qr_png_base64"], dir_.file("code.png"));
    ASSERT_EQ(scanned, code);
    ASSERT_EQ(field(home_a_, "enroll --server " + server.url() + " --code " + scanned).code, 0);
    ASSERT_EQ(field(home_b_, "init").code, 0);
    FieldRun reused = field(home_b_, "enroll --server " + server.url() + " --code " + code);
    EXPECT_EQ(reused.code, 3) << reused.out << reused.err;

    // The devices list tells staff when each tablet last synced and what it sent.
    ASSERT_EQ(field(home_a_, "sync").code, 0);
    const json devices = admin.get("/api/v1/devices").json()["devices"];
    ASSERT_EQ(devices.size(), 1u) << devices.dump();
    EXPECT_TRUE(devices[0]["last_sync_at"].is_string()) << devices.dump();
    EXPECT_EQ(devices[0]["operations_received"], 0) << devices.dump();

    HttpResult unknown_sp =
        admin.post_json("/api/v1/devices/enrollment-codes", {{"service_point_codes", {"NOPE"}}});
    EXPECT_EQ(unknown_sp.status, 404) << unknown_sp.body;
    EXPECT_EQ(admin.get("/api/v1/reconciliation").status, 403);  // administrators do not read the queue
    EXPECT_EQ(HttpClient(server.url()).get("/api/v1/devices").status, 401);
    EXPECT_EQ(HttpClient(server.url()).post("/api/v1/sync/hello", "{").status, 400);
    EXPECT_EQ(server.stop(), 0);
}

}  // namespace
}  // namespace spmis::test

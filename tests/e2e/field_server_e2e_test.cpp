// The server's side of field credentials and store-and-forward, with the real binaries on
// 127.0.0.1: POST /api/v1/credentials/verify against the server's own trust list and ledger, a
// redemption that records the credential it used, and `spmis-server import-bundle` applying a
// bundle from `spmis-field export` by the push rules (twice: each operation once), and the
// reconciliation case as the console reads and decides it (both sides, ETag, stale decisions).

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <set>
#include <thread>

#include "field_cli.hpp"
#include "spmis/store/store.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/sync_world.hpp"
#include "support/temp_dir.hpp"
#include "support/test_clock.hpp"
#include "support/test_database.hpp"

namespace spmis::test {
namespace {

using nlohmann::json;

class FieldServerE2eTest : public ::testing::Test {
protected:
    void SetUp() override {
        data_ = dir_.file("data");
        home_a_ = dir_.file("device-a");
        home_b_ = dir_.file("device-b");
        world_ = seed_sync_world_in_directory(data_);
        for (const auto& [user, role] : {std::pair{"admin", "administrator"},
                                         {"manager", "program_manager"},
                                         {"viewer", "program_viewer"}}) {
            ASSERT_EQ(run_server_command({"user", "add", "--data", data_, "--username", user, "--role", role},
                                         std::string(user) + "-password\n"),
                      0);
        }
    }

    void enroll_and_sync(const ServerProcess& server, const std::string& home) {
        ASSERT_EQ(field(home, "init --officer amina").code, 0);
        std::string code;
        ASSERT_EQ(
            run_server_command({"device", "code", "--data", data_, "--service-point", "SP1"}, "", &code), 0);
        FieldRun enrolled = field(home, "enroll --server " + server.url() + " --code " + trimmed(code));
        ASSERT_EQ(enrolled.code, 0) << enrolled.out << enrolled.err;
        FieldRun synced = field(home, "sync");
        ASSERT_EQ(synced.code, 0) << synced.out << synced.err;
    }

    static HttpClient login(const ServerProcess& server, const std::string& user) {
        HttpClient client(server.url());
        HttpResult r =
            client.post_json("/api/v1/auth/login", {{"username", user}, {"password", user + "-password"}});
        EXPECT_EQ(r.status, 200) << r.body;
        client.set_bearer(r.json().value("token", ""));
        return client;
    }

    static std::string verdict(const HttpClient& client, const std::string& text) {
        HttpResult r = client.post("/api/v1/credentials/verify", text, {{"Content-Type", "text/plain"}});
        EXPECT_EQ(r.status, 200) << r.body;
        return r.json().value("code", "");
    }

    // Runs import-bundle on the data directory; the parsed --json answer (null on failure).
    json import_bundle(const std::string& bundle, int expected_exit = 0) const {
        std::string out;
        EXPECT_EQ(run_server_command({"import-bundle", "--data", data_, bundle, "--json"}, "", &out),
                  expected_exit)
            << out;
        return json::parse(out, nullptr, false);
    }

    TestDatabase database_;  // SQLite, or PostgreSQL when ctest says so (SPMIS_TEST_BACKEND)
    TempDir dir_;
    std::string data_, home_a_, home_b_;
    SyncWorld world_;
};

// Regression: after staff voided a redemption to resolve an over-redemption and both tablets synced
// twice, the tablet whose redemption was voided still refused the credential as ALREADY_REDEEMED
// while the server said OK, and the resolved case stayed on the tablets' attention lists; a replayed
// push was answered `accepted` instead of `duplicate`. Devices converge to the server's view.
TEST_F(FieldServerE2eTest, CentralVoidResolvedCaseAndReplayConvergeOnBothTablets) {
    ServerProcess server(data_);
    enroll_and_sync(server, home_a_);
    enroll_and_sync(server, home_b_);
    FieldRun issued = field(home_a_, "credential issue --entitlement " + world_.entitlement.to_string());
    ASSERT_EQ(issued.code, 0) << issued.err;
    const std::string text = issued.doc()["text"];
    // Both tablets hand out the whole basket, A with the credential, B without.
    FieldRun by_a = field(
        home_a_, "redeem --entitlement " + world_.entitlement.to_string() + " --credential '" + text + "'");
    ASSERT_EQ(by_a.code, 0) << by_a.err;
    const std::string voided = by_a.doc()["redemption_id"];
    ASSERT_EQ(field(home_b_, "redeem --entitlement " + world_.entitlement.to_string()).code, 0);
    const std::string bundle = dir_.file("a.bundle");  // A's pending push body, replayed below
    ASSERT_EQ(field(home_a_, "export --out " + bundle).code, 0);
    for (const auto& home : {home_a_, home_b_}) ASSERT_EQ(field(home, "sync").code, 0);
    for (const auto& home : {home_a_, home_b_}) ASSERT_EQ(field(home, "sync").code, 0);
    EXPECT_EQ(field(home_b_, "credential verify '" + text + "'").doc()["code"], "ALREADY_REDEEMED");
    const json attention_before = field(home_b_, "status").doc()["attention"];
    EXPECT_EQ(attention_before.size(), 1u) << attention_before.dump();

    // The manager resolves the over-redemption by voiding A's hand-over.
    HttpClient manager = login(server, "manager");
    HttpResult cases = manager.get("/api/v1/reconciliation?type=over_redemption");
    ASSERT_EQ(cases.json()["cases"].size(), 1u) << cases.body;
    const std::string case_id = cases.json()["cases"][0]["id"];
    HttpResult resolved =
        manager.post_json("/api/v1/reconciliation/" + case_id + "/resolve",
                          {{"decision", {{"action", "void_redemption"}, {"redemption_id", voided}}},
                           {"reason", "recorded twice"}});
    ASSERT_EQ(resolved.status, 200) << resolved.body;
    for (int round = 0; round < 2; ++round)
        for (const auto& home : {home_a_, home_b_}) ASSERT_EQ(field(home, "sync").code, 0);

    // The same push body again over HTTP: each operation answered duplicate with its first answer.
    std::ifstream in(bundle);
    const std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    HttpResult replay =
        HttpClient(server.url()).post("/api/v1/sync/push", body, {{"Content-Type", "application/json"}});
    ASSERT_EQ(replay.status, 200) << replay.body;
    const json results = replay.json()["results"];
    ASSERT_FALSE(results.empty()) << replay.body;
    for (const json& r : results) {
        EXPECT_EQ(r["disposition"], "duplicate") << replay.body;
        EXPECT_EQ(r["first_disposition"], "accepted") << replay.body;
    }

    EXPECT_EQ(verdict(manager, text), "OK");
    for (const auto& home : {home_a_, home_b_}) {
        EXPECT_EQ(field(home, "credential verify '" + text + "'").doc()["code"], "OK") << home;
        const json status = field(home, "status").doc();
        EXPECT_TRUE(status["attention"].empty()) << home << ": " << status.dump();
        FieldRun person = field(home, "find " + world_.member.to_string());
        ASSERT_EQ(person.doc()["results"].size(), 1u) << person.out;
        const json ent = person.doc()["results"][0]["entitlements"][0];
        EXPECT_EQ(ent["remaining_milli"], 0) << home;  // B's 25 kg stand
        EXPECT_EQ(ent["estimate_milli"], 0) << home;
    }
    EXPECT_EQ(server.stop(), 0);
}

std::string case_path(const std::string& id) { return "/api/v1/reconciliation/" + id; }

json void_decision(const json& detail, std::size_t operation) {
    return {
        {"decision",
         {{"action", "void_redemption"}, {"redemption_id", detail["operations"][operation]["record_id"]}}},
        {"reason", "handed out twice"}};
}

HttpResult resolve_if_match(const HttpClient& client, const std::string& id, const json& body,
                            const std::string& etag) {
    return client.post(case_path(id) + "/resolve", body.dump(),
                       {{"Content-Type", "application/json"}, {"If-Match", etag}});
}

// What the console's case screen shows and sends: the operations of both tablets beside the
// entitlement's balance, and a decision checked against the version it was taken on: a case that
// gained an operation, or was resolved in another tab, refuses it with 409 and says what changed.
TEST_F(FieldServerE2eTest, CaseDetailShowsBothSidesAndRefusesStaleDecisions) {
    ServerProcess server(data_);
    enroll_and_sync(server, home_a_);
    enroll_and_sync(server, home_b_);
    const std::string ent = world_.entitlement.to_string();
    ASSERT_EQ(field(home_a_, "redeem --entitlement " + ent).code, 0);
    ASSERT_EQ(field(home_b_, "redeem --entitlement " + ent).code, 0);
    for (const auto& home : {home_a_, home_b_}) ASSERT_EQ(field(home, "sync").code, 0);

    HttpClient manager = login(server, "manager");
    HttpResult queue = manager.get("/api/v1/reconciliation?status=open&limit=1");
    ASSERT_EQ(queue.status, 200) << queue.body;
    EXPECT_EQ(queue.json()["counts"]["over_redemption"], 1) << queue.body;
    ASSERT_EQ(queue.json()["cases"].size(), 1u) << queue.body;
    HttpResult listed = manager.get("/api/v1/reconciliation?type=over_redemption");
    ASSERT_EQ(listed.json()["cases"].size(), 1u) << listed.body;
    EXPECT_TRUE(listed.json()["next_cursor"].is_null()) << listed.body;
    const std::string id = listed.json()["cases"][0]["id"];

    HttpResult opened = manager.get(case_path(id));
    ASSERT_EQ(opened.status, 200) << opened.body;
    const json detail = opened.json();
    const std::string etag = opened.header("etag");
    EXPECT_EQ(etag, "\"" + detail["version"].get<std::string>() + "\"");
    ASSERT_EQ(detail["operations"].size(), 2u) << opened.body;
    EXPECT_NE(detail["operations"][0]["device_id"], detail["operations"][1]["device_id"]);
    for (const json& op : detail["operations"]) {
        EXPECT_EQ(op["kind"], "redemption.record") << op.dump();
        EXPECT_EQ(op["officer"], "amina") << op.dump();
        EXPECT_TRUE(op["device_time"].is_string()) << op.dump();
        EXPECT_TRUE(op["received_at"].is_string()) << op.dump();
        EXPECT_EQ(op["payload"]["entitlement_id"], ent) << op.dump();
    }
    const json record = detail["record"];
    EXPECT_EQ(record["kind"], "entitlement");
    EXPECT_EQ(record["granted_milli"], 25000);
    EXPECT_EQ(record["redeemed_milli"], 50000);
    EXPECT_EQ(record["remaining_milli"], -25000);
    EXPECT_EQ(record["registrant"]["id"], world_.household.to_string()) << record.dump();
    EXPECT_EQ(record["membership"]["state"], "enrolled") << record.dump();

    // Tablet A hands out one more kilogram: a third operation joins the case, the view above is stale.
    ASSERT_EQ(field(home_a_, "redeem --entitlement " + ent + " --quantity 1 --override --reason late").code,
              0);
    ASSERT_EQ(field(home_a_, "sync").code, 0);
    HttpResult stale = resolve_if_match(manager, id, void_decision(detail, 0), etag);
    EXPECT_EQ(stale.status, 409) << stale.body;
    EXPECT_NE(stale.body.find("1 operation(s) were linked"), std::string::npos) << stale.body;

    // Reopened, the decision goes through once; the other tab's copy of that view gets 409.
    HttpResult reopened = manager.get(case_path(id));
    ASSERT_EQ(reopened.json()["operations"].size(), 3u) << reopened.body;
    const std::string fresh = reopened.header("etag");
    HttpResult decided = resolve_if_match(manager, id, void_decision(reopened.json(), 0), fresh);
    ASSERT_EQ(decided.status, 200) << decided.body;
    EXPECT_EQ(decided.json()["status"], "resolved");
    HttpResult second_tab = resolve_if_match(manager, id, void_decision(reopened.json(), 1), fresh);
    EXPECT_EQ(second_tab.status, 409) << second_tab.body;
    EXPECT_NE(second_tab.body.find("resolved by manager"), std::string::npos) << second_tab.body;
    HttpResult after = manager.get("/api/v1/reconciliation?status=resolved&type=over_redemption");
    ASSERT_EQ(after.json()["cases"].size(), 1u) << after.body;
    EXPECT_EQ(after.json()["cases"][0]["decided_by"], "manager");

    // Monitoring counts the hand-overs of the day that still stand (one of the three was voided).
    const json days = manager.get("/api/v1/monitoring/programs/" + world_.program.to_string())
                          .json()["redemptions_per_day"];
    ASSERT_EQ(days.size(), 1u) << days.dump();
    EXPECT_EQ(days[0]["date"], format_date(test_today()));
    EXPECT_EQ(days[0]["count"], 2);
    EXPECT_EQ(days[0]["quantity_milli"], 26000);
    // The devices list: both tablets synced; A sent two operations (one flagged), B one (flagged).
    std::multiset<std::pair<std::int64_t, std::int64_t>> sent;
    const json devices = login(server, "admin").get("/api/v1/devices").json()["devices"];
    for (const json& d : devices) {
        EXPECT_TRUE(d["last_sync_at"].is_string()) << d.dump();
        sent.insert(
            {d["operations_received"].get<std::int64_t>(), d["operations_flagged"].get<std::int64_t>()});
    }
    EXPECT_EQ(sent, (std::multiset<std::pair<std::int64_t, std::int64_t>>{{1, 1}, {2, 1}}));

    // A viewer reads the case but may not decide it; bad ids are clear errors.
    HttpClient viewer = login(server, "viewer");
    EXPECT_EQ(viewer.get(case_path(id)).status, 200);
    EXPECT_EQ(resolve_if_match(viewer, id, void_decision(reopened.json(), 1), fresh).status, 403);
    EXPECT_EQ(viewer.get("/api/v1/auth/me").json()["permissions"], json({"registry_read", "program_read"}));
    EXPECT_EQ(manager.get(case_path("not-a-uuid")).status, 400);
    EXPECT_EQ(manager.get(case_path("0190a5c0-0000-7000-8000-000000000000")).status, 404);
    EXPECT_EQ(manager.get("/api/v1/reconciliation?limit=0").status, 400);
    EXPECT_EQ(server.stop(), 0);
}

TEST_F(FieldServerE2eTest, ServerVerifiesCredentialsWithItsOwnTrustListAndLedger) {
    ServerProcess server(data_);
    enroll_and_sync(server, home_a_);
    FieldRun issued = field(home_a_, "credential issue --entitlement " + world_.entitlement.to_string());
    ASSERT_EQ(issued.code, 0) << issued.out << issued.err;
    const std::string text = issued.doc()["text"];
    const std::string cti = issued.doc()["claims"]["cti"];

    HttpClient manager = login(server, "manager");
    HttpResult ok = manager.post_json("/api/v1/credentials/verify", {{"text", text}});
    ASSERT_EQ(ok.status, 200) << ok.body;
    EXPECT_EQ(ok.json()["code"], "OK") << ok.body;
    EXPECT_EQ(ok.json()["claims"]["subject"], world_.household.to_string());
    EXPECT_EQ(verdict(manager, text + "\n"), "OK");  // a scanner's trailing newline
    std::string flipped = text;
    flipped[flipped.size() / 2] = flipped[flipped.size() / 2] == 'A' ? 'B' : 'A';
    EXPECT_NE(verdict(manager, flipped), "OK");
    EXPECT_EQ(verdict(manager, "SPP2:" + text.substr(5)), "UNSUPPORTED");
    EXPECT_EQ(HttpClient(server.url()).post("/api/v1/credentials/verify", text).status, 401);
    EXPECT_EQ(login(server, "admin").post("/api/v1/credentials/verify", text).status, 403);

    // A redemption that used the credential makes the server answer ALREADY_REDEEMED, and the
    // server stores which credential it was.
    FieldRun redeemed = field(home_a_, "redeem --entitlement " + world_.entitlement.to_string() +
                                           " --quantity 5 --credential '" + text + "'");
    ASSERT_EQ(redeemed.code, 0) << redeemed.out << redeemed.err;
    ASSERT_EQ(field(home_a_, "sync").code, 0);
    EXPECT_EQ(verdict(manager, text), "ALREADY_REDEEMED");
    EXPECT_EQ(server.stop(), 0);
    auto store = open_test_store(data_);
    ASSERT_TRUE(store.ok()) << store.status().to_string();
    auto redemptions = (*store)->service_points().list_redemptions(world_.entitlement);
    ASSERT_TRUE(redemptions.ok());
    ASSERT_EQ(redemptions->size(), 1U);
    EXPECT_EQ((*redemptions)[0].credential_id, cti);
}

TEST_F(FieldServerE2eTest, RevokedSignerIsRefusedByTheServer) {
    ServerProcess server(data_);
    enroll_and_sync(server, home_a_);
    FieldRun issued = field(home_a_, "credential issue --entitlement " + world_.entitlement.to_string());
    ASSERT_EQ(issued.code, 0) << issued.out << issued.err;
    // Times are whole seconds and a key fails for credentials signed at or after its revocation.
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    HttpClient admin = login(server, "admin");
    const std::string id = admin.get("/api/v1/devices").json()["devices"][0]["id"];
    ASSERT_EQ(admin.post_json("/api/v1/devices/" + id + "/revoke", {{"reason", "lost"}}).status, 200);
    // Signed before the revocation: still good. Signed after it: SIGNER_REVOKED.
    HttpClient manager = login(server, "manager");
    EXPECT_EQ(verdict(manager, issued.doc()["text"]), "OK");
    FieldRun later = field(home_a_, "credential issue --entitlement " + world_.entitlement.to_string());
    ASSERT_EQ(later.code, 0) << later.out << later.err;
    EXPECT_EQ(verdict(manager, later.doc()["text"]), "SIGNER_REVOKED");
    EXPECT_EQ(server.stop(), 0);
}

TEST_F(FieldServerE2eTest, ExportedBundleImportedTwiceAppliesEachOperationOnce) {
    std::string port;
    {
        ServerProcess server(data_);
        port = server.url().substr(server.url().rfind(':') + 1);
        enroll_and_sync(server, home_a_);
        enroll_and_sync(server, home_b_);
        ASSERT_EQ(server.stop(), 0);
    }
    const std::string entitlement = world_.entitlement.to_string();
    ASSERT_EQ(field(home_a_, "attend --registrant " + world_.member.to_string() + " --event " +
                                 world_.event.to_string())
                  .code,
              0);
    ASSERT_EQ(field(home_a_, "redeem --entitlement " + entitlement + " --quantity 10").code, 0);
    const std::string bundle = dir_.file("a.bundle");
    ASSERT_EQ(field(home_a_, "export --out " + bundle).code, 0);

    json first = import_bundle(bundle);
    EXPECT_EQ(first["counts"].value("accepted", 0), 2) << first.dump();
    EXPECT_EQ(first.value("acked_seq", 0), 2);
    json second = import_bundle(bundle);
    EXPECT_EQ(second["counts"].value("duplicate", 0), 2) << second.dump();
    {
        auto store = open_test_store(data_);
        ASSERT_TRUE(store.ok());
        EXPECT_EQ(*(*store)->operation_log().count_operations(), 2);
        EXPECT_EQ(*(*store)->service_points().redeemed_milli(world_.entitlement), 10'000);
        EXPECT_EQ(*(*store)->service_points().count_attendance(world_.event), 1);
    }
    // A bundle altered on the way is refused before anything is applied.
    ASSERT_EQ(field(home_b_, "redeem --entitlement " + entitlement + " --quantity 1").code, 0);
    const std::string bundle_b = dir_.file("b.bundle");
    ASSERT_EQ(field(home_b_, "export --out " + bundle_b).code, 0);
    json tampered = json::parse(std::ifstream(bundle_b));
    tampered["ops"][0]["payload"]["quantity_milli"] = 20'000;
    const std::string tampered_path = dir_.file("tampered.bundle");
    std::ofstream(tampered_path) << tampered.dump();
    std::string out;
    EXPECT_NE(run_server_command({"import-bundle", "--data", data_, tampered_path}, "", &out), 0) << out;
    EXPECT_EQ(run_server_command({"import-bundle", "--data", data_, dir_.file("missing.bundle")}, "", &out),
              2);

    // Once the server has the operations, the device's own sync only hears duplicates. Devices
    // remember the server's URL: restart on the same port.
    ServerProcess server(ServerProcess::Binary{server_binary()},
                         {"serve", "--data", data_, "--listen", "127.0.0.1:" + port},
                         std::chrono::seconds(20));
    FieldRun synced = field(home_a_, "sync");
    ASSERT_EQ(synced.code, 0) << synced.out << synced.err;
    EXPECT_EQ(field(home_a_, "status").doc().value("pending", -1), 0);
    // A revoked device's bundle is refused.
    HttpClient admin = login(server, "admin");
    const json devices = admin.get("/api/v1/devices").json();
    ASSERT_EQ(devices["devices"].size(), 2U) << devices.dump();
    for (const json& d : devices["devices"]) {
        ASSERT_EQ(admin.post_json("/api/v1/devices/" + d["id"].get<std::string>() + "/revoke", json::object())
                      .status,
                  200);
    }
    EXPECT_EQ(server.stop(), 0);
    EXPECT_EQ(run_server_command({"import-bundle", "--data", data_, bundle_b}, "", &out), 3) << out;
    auto store = open_test_store(data_);
    ASSERT_TRUE(store.ok());
    EXPECT_EQ(*(*store)->operation_log().count_operations(), 2);
}

}  // namespace
}  // namespace spmis::test

// Operations outside a device's scope, shown to staff over real HTTP: a tablet enrolled for SP1
// sends validly signed operations on a person and an entitlement served only at SP2; the real
// spmis-server rejects them with a reason, changes nothing, and GET /api/v1/sync/operations lists
// them for the administrator (and only for roles allowed to see devices).

#include <gtest/gtest.h>

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "spmis/store/store.hpp"
#include "spmis/sync/batch_signature.hpp"
#include "spmis/sync/hash_chain.hpp"
#include "spmis/sync/messages.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/sync_world.hpp"
#include "support/temp_dir.hpp"
#include "support/test_clock.hpp"
#include "support/test_database.hpp"

namespace spmis::test {
namespace {

using nlohmann::json;

// A household served only at SP2 (its entitlement is there): its member is outside an SP1 device.
struct OtherSite {
    Uuid household = new_uuid_v7();
    Uuid member = new_uuid_v7();
};

Status seed_other_site(store::Store& store, const SyncWorld& w, const OtherSite& other) {
    model::Registrant hh;
    hh.id = other.household;
    hh.kind = model::RegistrantKind::kGroup;
    hh.name = "Household Wanjiru";
    model::Registrant m;
    m.id = other.member;
    m.name = "Mary Wanjiru";
    m.given_name = "Mary";
    m.family_name = "Wanjiru";
    SPMIS_RETURN_IF_ERROR(store.registry().insert_registrant(hh));
    SPMIS_RETURN_IF_ERROR(store.registry().insert_registrant(m));
    SPMIS_RETURN_IF_ERROR(store.registry().put_group_membership(
        {other.household, other.member, model::GroupMembershipKind::kHead}));
    SPMIS_ASSIGN_OR_RETURN(model::Entitlement e, store.delivery().get_entitlement(w.sp2_entitlement));
    e.id = new_uuid_v7();
    e.registrant_id = other.household;
    return store.delivery().insert_entitlement(e);
}

// A device as the server knows it once enrolled: its keys, id and the tip of its hash chain.
struct Tablet {
    sync::KeyPair keys = sync::generate_key_pair();
    Uuid id;
    sync::ChainTip tip;

    sync::Operation next(const std::string& type, const std::string& kind, const Uuid& record, json payload,
                         json base, const std::optional<Uuid>& sp) {
        sync::Operation op;
        op.device_id = id;
        op.op_type = type;
        op.record_kind = kind;
        op.record_id = record;
        op.routing.service_point = sp;
        op.payload = std::move(payload);
        op.base = std::move(base);
        op.officer_id = "officer-amina";
        op.time_claim.wall = test_clock().now();
        op.time_claim.boot_id = "boot-1";
        op.time_claim.monotonic_ms = static_cast<std::int64_t>(tip.seq) * 1000;
        sync::chain_append(tip, op);
        return op;
    }
    std::string push_body(const std::vector<sync::Operation>& ops) const {
        return sync::to_json(sync::PushRequest{id, ops, spmis::to_hex(sync::sign_batch(keys, ops.back()))})
            .dump();
    }
};

std::string error_message(const HttpResult& r) {
    const json body = r.json();
    return body.is_object() && body.contains("error") ? body["error"].value("message", "") : "";
}

class RefusedOperationsE2eTest : public ::testing::Test {
protected:
    void SetUp() override {
        data_ = dir_.file("data");
        world_ = new_sync_world();
        {
            auto store = open_test_store(data_);
            ASSERT_TRUE(store.ok()) << store.status().to_string();
            const SyncWorldDates dates = sync_world_dates_around(test_clock().now());
            const Status seeded = (*store)->transaction([&]() -> Status {
                SPMIS_RETURN_IF_ERROR(seed_sync_world(**store, world_, dates, true));
                return seed_other_site(**store, world_, other_);
            });
            ASSERT_TRUE(seeded.ok()) << seeded.to_string();
        }
        for (const auto& [user, role] : {std::pair<std::string, std::string>{"admin", "administrator"},
                                         {"manager", "program_manager"}}) {
            ASSERT_EQ(run_server_command({"user", "add", "--data", data_, "--username", user, "--role", role},
                                         user + "-password\n"),
                      0);
        }
        server_.emplace(data_);
        admin_ = login("admin");
    }

    std::unique_ptr<HttpClient> login(const std::string& user) const {
        auto client = std::make_unique<HttpClient>(server_->url());
        HttpResult r =
            client->post_json("/api/v1/auth/login", {{"username", user}, {"password", user + "-password"}});
        EXPECT_EQ(r.status, 200) << r.body;
        client->set_bearer(r.json().value("token", ""));
        return client;
    }

    // Enrolls a tablet for SP1 through the HTTP code exchange, with a key made here.
    Tablet enroll_at_sp1() const {
        Tablet tablet;
        HttpResult code = admin_->post_json("/api/v1/devices/enrollment-codes",
                                            {{"service_point_ids", {world_.sp1.to_string()}}});
        EXPECT_EQ(code.status, 201) << code.body;
        HttpClient anonymous(server_->url());
        HttpResult enrolled = anonymous.post_json("/api/v1/devices/enroll",
                                                  {{"code", code.json().value("code", "")},
                                                   {"public_key", spmis::to_hex(tablet.keys.public_key)},
                                                   {"name", "Tablet SP1-a"}});
        EXPECT_EQ(enrolled.status, 201) << enrolled.body;
        tablet.id = *Uuid::parse(enrolled.json().value("device_id", ""));
        return tablet;
    }

    // Outside SP1: a new name for a person served only at SP2, a redemption at SP2. Inside: attendance.
    json push_out_of_scope(Tablet& tablet) {
        const std::vector<sync::Operation> ops = {
            tablet.next("registrant.update", "registrant", other_.member,
                        {{"fields", {{"given_name", "Renamed"}}}}, {{"field_versions", json::object()}},
                        std::nullopt),
            tablet.next("redemption.record", "redemption", new_uuid_v7(),
                        {{"entitlement_id", world_.sp2_entitlement.to_string()},
                         {"quantity_milli", 5'000},
                         {"unit", "kg"}},
                        json::object(), world_.sp2),
            tablet.next("attendance.record", "attendance", new_uuid_v7(),
                        {{"registrant_id", world_.member.to_string()},
                         {"event_id", world_.event.to_string()},
                         {"service_point_id", world_.sp1.to_string()}},
                        json::object(), world_.sp1)};
        HttpClient device(server_->url());
        HttpResult pushed = device.post("/api/v1/sync/push", tablet.push_body(ops));
        EXPECT_EQ(pushed.status, 200) << pushed.body;
        return pushed.json();
    }

    HttpResult list(const std::string& query) const { return admin_->get("/api/v1/sync/operations" + query); }

    TestDatabase database_;  // SQLite, or PostgreSQL when ctest says so (SPMIS_TEST_BACKEND)
    TempDir dir_;
    std::string data_;
    SyncWorld world_;
    OtherSite other_;
    std::optional<ServerProcess> server_;
    std::unique_ptr<HttpClient> admin_;
};

TEST_F(RefusedOperationsE2eTest, ListsEachRejectionWithItsReasonNewestFirst) {
    Tablet tablet = enroll_at_sp1();
    const json answer = push_out_of_scope(tablet);
    ASSERT_EQ(answer["results"].size(), 3u) << answer.dump();
    EXPECT_EQ(answer["results"][0]["disposition"], "rejected");
    EXPECT_EQ(answer["results"][1]["disposition"], "rejected");
    EXPECT_EQ(answer["results"][2]["disposition"], "accepted");

    HttpResult r = list("");
    ASSERT_EQ(r.status, 200) << r.body;
    const json page = r.json();
    ASSERT_EQ(page["operations"].size(), 2u) << r.body;
    EXPECT_EQ(page["next_cursor"], nullptr);
    EXPECT_EQ(page["counts"], json({{"rejected", 2}, {"accepted_flagged", 0}}));
    // Newest first: the redemption (seq 2), then the change of name (seq 1); the accepted one is absent.
    const json& redemption = page["operations"][0];
    const json& update = page["operations"][1];
    EXPECT_EQ(redemption["device_seq"], 2);
    EXPECT_EQ(redemption["op_type"], "redemption.record");
    EXPECT_EQ(redemption["record_kind"], "redemption");
    EXPECT_EQ(redemption["reason"], answer["results"][1]["reason"]);
    EXPECT_EQ(update["device_seq"], 1);
    EXPECT_EQ(update["op_type"], "registrant.update");
    EXPECT_EQ(update["record_kind"], "registrant");
    EXPECT_EQ(update["record_id"], other_.member.to_string());
    EXPECT_EQ(update["reason"], answer["results"][0]["reason"]);
    EXPECT_NE(update["reason"].get<std::string>().find("not served at the device"), std::string::npos)
        << update.dump();
    for (const json& op : page["operations"]) {
        EXPECT_EQ(op["disposition"], "rejected");
        EXPECT_EQ(op["device_id"], tablet.id.to_string());
        EXPECT_EQ(op["device_name"], "Tablet SP1-a");
        EXPECT_EQ(op["officer"], "officer-amina");
        EXPECT_TRUE(parse_time(op["device_time"].get<std::string>()).ok()) << op.dump();
        EXPECT_TRUE(parse_time(op["received_at"].get<std::string>()).ok()) << op.dump();
        EXPECT_FALSE(op["reason"].get<std::string>().empty());
    }

    // The device's row counts them, beside what it sent in all.
    const json devices = admin_->get("/api/v1/devices").json()["devices"];
    ASSERT_EQ(devices.size(), 1u);
    EXPECT_EQ(devices[0]["operations_received"], 3);
    EXPECT_EQ(devices[0]["operations_flagged"], 2);
    EXPECT_EQ(devices[0]["operations_rejected"], 2);
}

TEST_F(RefusedOperationsE2eTest, FiltersByDeviceAndDispositionAndPagesWithACursor) {
    Tablet tablet = enroll_at_sp1();
    push_out_of_scope(tablet);
    Tablet other = enroll_at_sp1();  // sends nothing: its list is empty, not an error
    const std::string device = "?device=" + tablet.id.to_string();

    EXPECT_EQ(list(device + "&disposition=rejected").json()["operations"].size(), 2u);
    const json flagged = list(device + "&disposition=accepted_flagged").json();
    EXPECT_TRUE(flagged["operations"].empty()) << flagged.dump();
    EXPECT_EQ(flagged["counts"]["rejected"], 2) << "counts follow the device, not the disposition";
    const json quiet = list("?device=" + other.id.to_string()).json();
    EXPECT_TRUE(quiet["operations"].empty()) << quiet.dump();
    EXPECT_EQ(quiet["counts"], json({{"rejected", 0}, {"accepted_flagged", 0}}));

    const json first = list(device + "&limit=1").json();
    ASSERT_EQ(first["operations"].size(), 1u) << first.dump();
    ASSERT_TRUE(first["next_cursor"].is_string()) << first.dump();
    const json second = list(device + "&limit=1&cursor=" + first["next_cursor"].get<std::string>()).json();
    ASSERT_EQ(second["operations"].size(), 1u) << second.dump();
    EXPECT_EQ(second["next_cursor"], nullptr);
    EXPECT_EQ(first["operations"][0]["device_seq"], 2);
    EXPECT_EQ(second["operations"][0]["device_seq"], 1);
}

TEST_F(RefusedOperationsE2eTest, RefusesBadFiltersAndRolesWithoutDevices) {
    Tablet tablet = enroll_at_sp1();
    push_out_of_scope(tablet);
    const std::vector<std::pair<std::string, std::string>> bad = {
        {"?device=" + new_uuid_v7().to_string(), "is not an enrolled device"},
        {"?device=tablet-1", "device must be a device id"},
        {"?cursor=abc", "cursor must be"},
        {"?cursor=0", "cursor must be"},
        {"?cursor=-5", "cursor must be"},
        {"?limit=0", "limit must be an integer from 1 to 500"},
        {"?limit=501", "limit must be an integer from 1 to 500"},
        {"?limit=ten", "limit must be an integer from 1 to 500"},
        {"?disposition=accepted", "disposition must be rejected or accepted_flagged"}};
    for (const auto& [query, message] : bad) {
        HttpResult r = list(query);
        EXPECT_EQ(r.status, 400) << query << " " << r.body;
        EXPECT_EQ(r.json()["error"].value("code", ""), "invalid_argument") << query;
        EXPECT_NE(error_message(r).find(message), std::string::npos) << query << " " << r.body;
    }
    HttpResult manager = login("manager")->get("/api/v1/sync/operations");
    EXPECT_EQ(manager.status, 403) << manager.body;
    EXPECT_EQ(manager.json()["error"].value("code", ""), "permission_denied");
    EXPECT_EQ(HttpClient(server_->url()).get("/api/v1/sync/operations").status, 401);

    const json doc = admin_->get("/api/v1/openapi.json").json();
    EXPECT_EQ(doc["paths"]["/api/v1/sync/operations"]["get"]["x-spmis-permission"], "devices_manage");
}

TEST_F(RefusedOperationsE2eTest, RejectedOperationsChangeNothing) {
    Tablet tablet = enroll_at_sp1();
    auto manager = login("manager");
    const std::string path = "/api/v1/registrants/" + other_.member.to_string();
    const HttpResult before = manager->get(path);
    ASSERT_EQ(before.status, 200) << before.body;
    push_out_of_scope(tablet);
    const HttpResult after = manager->get(path);
    ASSERT_EQ(after.status, 200) << after.body;
    EXPECT_EQ(after.json(), before.json());
    ASSERT_EQ(server_->stop(), 0);
    server_.reset();

    auto store = open_test_store(data_);
    ASSERT_TRUE(store.ok()) << store.status().to_string();
    EXPECT_EQ((*store)->registry().get_registrant(other_.member)->given_name, "Mary");
    EXPECT_EQ(*(*store)->service_points().redeemed_milli(world_.sp2_entitlement), 0);
}

}  // namespace
}  // namespace spmis::test

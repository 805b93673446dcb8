// Field truth, end to end on what the server really produces: demo data, the food basket enrolled, a
// cycle of the current month generated and approved by the real spmis-server commands, then a real
// spmis-field enrolled at the busiest service point pulls over HTTP. Every beneficiary's household,
// members, membership, balance and validity must arrive, and every member must find the household's
// entitlement by id and by name. (Device tests used to read records written by hand after the
// protocol document; the server's real records had drifted: every device lost its household links.)

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "field_cli.hpp"
#include "spmis/store/store.hpp"
#include "spmis/sync/device_clock.hpp"
#include "spmis/sync/device_store.hpp"
#include "spmis/sync/messages.hpp"
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"
#include "support/test_clock.hpp"
#include "support/test_database.hpp"

namespace spmis::test {
namespace {

using nlohmann::json;

// The service point holding most entitlements of a cycle, and its code.
model::ServicePoint busiest_point(store::Store& store, const std::vector<model::Entitlement>& entitlements) {
    std::map<Uuid, int> count;
    for (const auto& e : entitlements)
        if (e.service_point_id) ++count[*e.service_point_id];
    Uuid best;
    int most = -1;
    for (const auto& [id, n] : count)
        if (n > most) best = id, most = n;
    return *store.service_points().get_service_point(best);
}

// The member names at every level of a JSON value ("a", "b.c", "list[].d"); an array contributes
// its first element's members, an empty one nothing.
void shape(const json& j, const std::string& prefix, std::set<std::string>& out) {
    if (j.is_object()) {
        for (const auto& [key, value] : j.items()) {
            out.insert(prefix + key);
            shape(value, prefix + key + ".", out);
        }
    } else if (j.is_array() && !j.empty()) {
        shape(j[0], prefix.substr(0, prefix.size() - 1) + "[].", out);
    }
}

// The first ```json block of sync/PROTOCOL.md section 8 (the pulled records).
json protocol_example() {
    std::ifstream in(std::string(SPMIS_SOURCE_DIR) + "/sync/PROTOCOL.md");
    std::stringstream text;
    text << in.rdbuf();
    const std::string doc = text.str();
    const std::size_t section = doc.find("## 8. Pulled records");
    const std::size_t open = doc.find("```json\n", section);
    const std::size_t close = doc.find("```", open + 8);
    if (section == std::string::npos || open == std::string::npos || close == std::string::npos)
        return json();
    return json::parse(doc.substr(open + 8, close - open - 8), nullptr, false);
}

class FieldTruthE2eTest : public ::testing::Test {
protected:
    void SetUp() override {
        data_ = dir_.file("data");
        home_ = dir_.file("tablet");
        ASSERT_EQ(run_server_cli("demo --data " + data_ + " --households 30 --seed 7").exit_code, 0);
        CliRun enrolled = run_server_cli("program enroll --data " + data_ +
                                         " --program FOOD_BASKET --reference-date 2026-11-01");
        ASSERT_EQ(enrolled.exit_code, 0) << enrolled.out;
        const MonthSpan month = current_month();
        CliRun created =
            run_server_cli("cycle create --data " + data_ + " --program FOOD_BASKET --name This-month" +
                               " --start " + month.start + " --end " + month.end,
                           CliOutput::kStdoutOnly);
        ASSERT_EQ(created.exit_code, 0) << created.out;
        cycle_ = trimmed(created.out);
        ASSERT_EQ(run_server_cli("cycle generate --data " + data_ + " --cycle " + cycle_).exit_code, 0);
        ASSERT_EQ(run_server_cli("cycle approve --data " + data_ + " --cycle " + cycle_).exit_code, 0);
    }

    TestDatabase database_;  // SQLite, or PostgreSQL when ctest says so (SPMIS_TEST_BACKEND)
    TempDir dir_;
    std::string data_, home_, cycle_;
};

TEST_F(FieldTruthE2eTest, EveryMemberFindsTheHouseholdAndItsBasketAfterARealPull) {
    std::vector<model::Entitlement> here;
    std::map<Uuid, std::vector<model::GroupMembership>> members;
    std::map<Uuid, std::string> names;
    std::string point_code;
    {
        auto store = open_test_store(data_);
        ASSERT_TRUE(store.ok());
        auto all = (*store)->delivery().list_entitlements(*Uuid::parse(cycle_));
        ASSERT_TRUE(all.ok() && !all->empty());
        const model::ServicePoint point = busiest_point(**store, *all);
        point_code = point.code;
        for (const auto& e : *all)
            if (e.service_point_id == point.id) here.push_back(e);
        for (const auto& e : here) {
            members[e.registrant_id] = *(*store)->registry().list_group_members(e.registrant_id);
            for (const auto& m : members[e.registrant_id])
                names[m.individual_id] = (*store)->registry().get_registrant(m.individual_id)->name;
        }
    }
    ASSERT_GE(here.size(), 2u);

    // PROTOCOL.md section 8 and the code agree: the document's example decodes with the device's
    // decoder, and a record the real server produced has the same members at every level.
    const json example = protocol_example();
    ASSERT_TRUE(example.is_object()) << "no example in PROTOCOL.md section 8";
    auto decoded = sync::pull_response_from_json(example);
    ASSERT_TRUE(decoded.ok()) << decoded.status().to_string();
    {
        auto store = open_test_store(data_);
        auto changed = (*store)->change_feed().changes_after({*here.front().service_point_id}, 0, 10'000);
        ASSERT_TRUE(changed.ok()) << changed.status().to_string();
        std::optional<sync::PulledEntitlement> typed;
        for (const auto& c : *changed)
            if (auto* e = std::get_if<sync::PulledEntitlement>(&c.data)) typed = *e;
        ASSERT_TRUE(typed.has_value());
        // One encoder, one decoder: what the server sends decodes to exactly what the store produced.
        const json produced = sync::encode_pulled(*typed);
        auto round_trip = sync::decode_pulled("entitlement", produced);
        ASSERT_TRUE(round_trip.ok()) << round_trip.status().to_string();
        EXPECT_EQ(std::get<sync::PulledEntitlement>(*round_trip), *typed);
        std::set<std::string> documented, real;
        shape(example["records"][0]["data"], "", documented);
        shape(produced, "", real);
        for (const std::string& path : real)
            EXPECT_TRUE(documented.count(path)) << path << " is not documented";
        for (const std::string& path : documented) {
            const std::size_t array = path.find("[].");
            const bool empty_here =
                array != std::string::npos && produced.value(path.substr(0, array), json()).empty();
            if (!empty_here) {
                EXPECT_TRUE(real.count(path)) << path << " is documented but not sent";
            }
        }
    }
    {
        // The example on a device: any member finds the household's basket.
        TempDir device_dir;
        sync::SystemDeviceClock clock;
        auto device = sync::DeviceStore::open(device_dir.file("field.db"), clock);
        ASSERT_TRUE(device.ok()) << device.status().to_string();
        ASSERT_TRUE((*device)->apply_pull_page(*decoded).ok());
        auto found = (*device)->find("01900000-0000-7000-8000-070300000000", 5);
        ASSERT_TRUE(found.ok() && found->size() == 1u);
        EXPECT_EQ((*found)[0].household_id->to_string(), "01900000-0000-7000-8000-070000000000");
        ASSERT_EQ((*found)[0].entitlements.size(), 1u);
        EXPECT_EQ((*found)[0].household.size(), 2u);
    }

    ServerProcess server(data_);
    std::string code;
    ASSERT_EQ(
        run_server_command({"device", "code", "--data", data_, "--service-point", point_code}, "", &code), 0);
    ASSERT_EQ(field(home_, "init --officer officer-1").code, 0);
    FieldRun enrolled = field(home_, "enroll --server " + server.url() + " --code " + trimmed(code));
    ASSERT_EQ(enrolled.code, 0) << enrolled.err;
    FieldRun synced = field(home_, "sync");
    ASSERT_EQ(synced.code, 0) << synced.err;
    server.stop();  // everything below is offline
    // PROTOCOL.md section 8: device records are sent for revoked devices only (none here).
    FieldRun status = field(home_, "status");
    EXPECT_EQ(status.doc()["scope_counts"].value("device", 0), 0) << status.out;
    EXPECT_EQ(status.doc()["scope_counts"].value("entitlement", 0), static_cast<int>(here.size()))
        << status.out;

    // Every member of the first households (each lookup is a process: CI time), by id and by name.
    constexpr std::size_t kHouseholdsLookedUp = 6;
    std::size_t people = 0;
    for (std::size_t h = 0; h < here.size() && h < kHouseholdsLookedUp; ++h) {
        const model::Entitlement& e = here[h];
        ASSERT_FALSE(members[e.registrant_id].empty()) << "a food basket household has members";
        for (const auto& m : members[e.registrant_id]) {
            ++people;
            FieldRun by_id = field(home_, "find " + m.individual_id.to_string());
            ASSERT_EQ(by_id.code, 0) << by_id.err;
            const json results = by_id.doc()["results"];
            ASSERT_EQ(results.size(), 1u) << by_id.out;
            const json& person = results[0];
            EXPECT_EQ(person["household_id"], e.registrant_id.to_string()) << by_id.out;
            EXPECT_EQ(person["household"].size(), members[e.registrant_id].size()) << by_id.out;
            ASSERT_EQ(person["entitlements"].size(), 1u) << by_id.out;
            const json& ent = person["entitlements"][0];
            EXPECT_EQ(ent["id"], e.id.to_string());
            EXPECT_EQ(ent["valid_from"], format_date(e.valid_from));
            EXPECT_EQ(ent["valid_until"], format_date(e.valid_until));
            EXPECT_EQ(ent["service_point_id"], e.service_point_id->to_string());
            EXPECT_EQ(ent["remaining_milli"], std::llround(e.quantity * 1000));
            EXPECT_EQ(ent["state"], "approved");
            // What the officer reads: the basket out of the grant, the unit agreeing with its number.
            const std::int64_t baskets = std::llround(e.quantity);
            const std::string grant = std::to_string(baskets) + (baskets == 1 ? " basket" : " baskets");
            if (m.individual_id == members[e.registrant_id].front().individual_id) {
                FieldRun text = field_text(home_, "find " + m.individual_id.to_string());
                EXPECT_NE(text.out.find("remaining " + grant + " of " + grant + ", valid " +
                                        format_date(e.valid_from)),
                          std::string::npos)
                    << text.out;
                EXPECT_EQ(text.out.find("cannot be redeemed today"), std::string::npos) << text.out;
            }
            ASSERT_EQ(person["memberships"].size(), 1u) << by_id.out;
            EXPECT_EQ(person["memberships"][0]["state"], "enrolled");

            // By name: the same person is among the hits, with the household's basket.
            FieldRun by_name = field(home_, "find \"" + names[m.individual_id] + "\" --limit 100");
            ASSERT_EQ(by_name.code, 0) << by_name.err;
            bool found = false;
            const json hits = by_name.doc()["results"];
            for (const json& hit : hits) {
                if (hit["registrant_id"] != m.individual_id.to_string()) continue;
                found = true;
                EXPECT_EQ(hit["household_id"], e.registrant_id.to_string());
                ASSERT_FALSE(hit["entitlements"].empty()) << by_name.out;
                EXPECT_EQ(hit["entitlements"][0]["id"], e.id.to_string());
            }
            EXPECT_TRUE(found) << names[m.individual_id] << ": " << by_name.out;
        }
    }
    EXPECT_GE(people, std::min(here.size(), kHouseholdsLookedUp));
}

}  // namespace
}  // namespace spmis::test

#pragma once
// A device in a temporary home for tests: clock, key, enrolled store, and record builders.

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "spmis/sync/batch_signature.hpp"
#include "spmis/sync/device_store.hpp"

namespace spmis::sync::testing {

inline Uuid test_id(int n) {
    std::array<std::uint8_t, 16> b{0x01, 0x90, 0, 0, 0, 0, 0x70, 0, 0x80};
    b[14] = static_cast<std::uint8_t>(n >> 8);
    b[15] = static_cast<std::uint8_t>(n & 0xFF);
    return Uuid(b);
}

// An entitlement record as PROTOCOL.md section 8 describes it (quantity in thousandths).
inline nlohmann::json entitlement_json(const Uuid& id, const Uuid& registrant, const std::string& name,
                                       std::int64_t quantity_milli, std::int64_t remaining_milli,
                                       const Uuid& household = test_id(900)) {
    return {
        {"id", id.to_string()},
        {"program_id", test_id(800).to_string()},
        {"cycle_id", test_id(801).to_string()},
        {"registrant_id", registrant.to_string()},
        {"kind", "in_kind"},
        {"state", "approved"},
        {"item", "rice"},
        {"unit", "kg"},
        {"quantity_milli", quantity_milli},
        {"redeemed_milli", quantity_milli - remaining_milli},
        {"remaining_milli", remaining_milli},
        {"service_point_id", test_id(700).to_string()},
        {"beneficiary",
         {{"id", registrant.to_string()},
          {"name", name},
          {"national_id", "NID-" + std::to_string(registrant.bytes()[15])},
          {"birthdate", "1980-01-01"},
          {"household_id", household.to_string()}}},
        {"household", nlohmann::json::array(
                          {{{"id", registrant.to_string()}, {"name", name}, {"kind", "head"}},
                           {{"id", test_id(901).to_string()}, {"name", "Ana Núñez"}, {"kind", "child"}}})},
        {"membership", {{"id", test_id(600).to_string()}, {"state", "enrolled"}}}};
}

inline nlohmann::json event_json(const Uuid& id) {
    return {{"id", id.to_string()},
            {"service_point_id", test_id(700).to_string()},
            {"program_id", test_id(800).to_string()},
            {"cycle_id", test_id(801).to_string()},
            {"starts_at", "2026-11-21T08:00:00Z"},
            {"ends_at", "2026-11-21T17:00:00Z"}};
}

class DeviceFixture : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() /
               ("spmis-device-" + std::to_string(::getpid()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(dir_);
        std::filesystem::create_directories(dir_);
        keys_ = key_pair_from_seed({7, 7, 7});
        reopen();
        Enrollment e{device_id_,           "tablet-1", "http://127.0.0.1:1",
                     std::string(64, 'a'), "epoch-1",  {test_id(700)}};
        ASSERT_TRUE(store_->set_enrollment(e).ok());
        ASSERT_TRUE(store_->set_officer("officer-1").ok());
    }
    void TearDown() override {
        store_.reset();
        std::filesystem::remove_all(dir_);
    }
    void reopen() {
        store_.reset();
        auto s = DeviceStore::open((dir_ / "field.db").string(), clock_);
        ASSERT_TRUE(s.ok()) << s.status().to_string();
        store_ = std::move(s).value();
    }
    // Puts records on the device as if pulled.
    void give(const std::string& kind, const Uuid& id, const nlohmann::json& data, std::int64_t seq) {
        PullResponse page;
        page.records.push_back({seq, kind, id, data});
        page.next_cursor = seq;
        ASSERT_TRUE(store_->apply_pull_page(page).ok());
    }

    std::filesystem::path dir_;
    FakeDeviceClock clock_{from_unix_micros(1'800'000'000'000'000), "boot-1"};
    KeyPair keys_;
    Uuid device_id_ = test_id(1);
    std::unique_ptr<DeviceStore> store_;
};

}  // namespace spmis::sync::testing

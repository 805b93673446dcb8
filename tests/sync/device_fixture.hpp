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

// The device fixture's fixed wall clock (Unix time 1.8e9 s): every date a fixture record carries is
// built from it, so the records and the device agree on what today is.
inline const UtcTime kFixtureNow = from_unix_micros(1'800'000'000'000'000);

// A pulled entitlement, typed as the protocol defines it (quantity in thousandths), approved and
// valid from 30 days before the fixture's today to 60 days after it.
inline PulledEntitlement test_entitlement(const Uuid& id, const Uuid& registrant, const std::string& name,
                                          std::int64_t quantity_milli, std::int64_t remaining_milli,
                                          const Uuid& household = test_id(900)) {
    PulledEntitlement e;
    e.id = id;
    e.program_id = test_id(800);
    e.cycle_id = test_id(801);
    e.registrant_id = registrant;
    e.kind = model::EntitlementKind::kInKind;
    e.state = model::EntitlementState::kApproved;
    e.item = "rice";
    e.unit = "kg";
    e.quantity_milli = quantity_milli;
    e.redeemed_milli = quantity_milli - remaining_milli;
    e.remaining_milli = remaining_milli;
    e.currency = "USD";
    const auto today = std::chrono::sys_days(date_of(kFixtureNow));
    e.valid_from = Date(today - std::chrono::days(30));
    e.valid_until = Date(today + std::chrono::days(60));
    e.service_point_id = test_id(700);
    e.beneficiary = PulledBeneficiary{registrant,
                                      model::RegistrantKind::kIndividual,
                                      name,
                                      "NID-" + std::to_string(registrant.bytes()[15]),
                                      *parse_date("1980-01-01"),
                                      household};
    e.household = {
        PulledMember{registrant, name, std::nullopt, model::GroupMembershipKind::kHead, ""},
        PulledMember{test_id(901), "Ana Núñez", std::nullopt, model::GroupMembershipKind::kChild, ""}};
    e.membership = PulledMembership{test_id(600), model::MembershipState::kEnrolled};
    return e;
}

inline PulledEvent test_event(const Uuid& id) {
    PulledEvent e;
    e.id = id;
    e.service_point_id = test_id(700);
    e.program_id = test_id(800);
    e.cycle_id = test_id(801);
    e.starts_at = *parse_time("2026-11-21T08:00:00Z");
    e.ends_at = *parse_time("2026-11-21T17:00:00Z");
    return e;
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
    void give(const std::string& kind, const Uuid& id, const PulledData& data, std::int64_t seq) {
        PullResponse page;
        page.records.push_back({seq, kind, id, data});
        page.next_cursor = seq;
        ASSERT_TRUE(store_->apply_pull_page(page).ok());
    }

    std::filesystem::path dir_;
    FakeDeviceClock clock_{kFixtureNow, "boot-1"};
    KeyPair keys_ = key_pair_from_seed({7, 7, 7});
    Uuid device_id_ = test_id(1);
    std::unique_ptr<DeviceStore> store_;
};

}  // namespace spmis::sync::testing

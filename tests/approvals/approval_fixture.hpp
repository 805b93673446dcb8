#pragma once
// A store with one cash program, staff users, and a draft cycle with two draft entitlements.

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "../store/store_fixture.hpp"
#include "spmis/programs/cycles.hpp"
#include "support/test_database.hpp"

namespace spmis::approvals::testing {

class ApprovalTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto opened = test::open_test_store(dir_.path());
        ASSERT_TRUE(opened.ok()) << opened.status().to_string();
        store_ = std::move(*opened);
        using model::Role;
        for (auto [name, role] : {std::pair{"maker", Role::kFinanceOfficer},
                                  {"fo1", Role::kFinanceOfficer},
                                  {"fo2", Role::kFinanceOfficer},
                                  {"boss", Role::kProgramManager},
                                  {"deputy", Role::kProgramViewer},
                                  {"alice", Role::kProgramViewer}}) {
            add_user(name, role);
        }
        program_ = add_program();
        auto cycle = programs::create_cycle(*store_, program_, {"Round 1", day(0), day(30), 0, "maker"});
        ASSERT_TRUE(cycle.ok()) << cycle.status().to_string();
        cycle_ = cycle->id;
        for (int i = 0; i < 2; ++i) add_entitlement(model::EntitlementState::kDraft, day(30));
    }

    static Date day(int offset) {
        return Date{std::chrono::sys_days(date_of(now())) + std::chrono::days(offset)};
    }
    static UtcTime now() { return SystemClock::instance().now(); }

    void add_user(const std::string& name, model::Role role) {
        model::User u{new_uuid_v7(), name, name, {role}, "x", true, now()};
        ASSERT_TRUE(store_->access().insert_user(u).ok());
    }

    Uuid add_program() {
        model::Program p;
        p.id = new_uuid_v7();
        p.code = "CASH";
        p.name = "Cash";
        p.target = model::TargetType::kIndividual;
        p.currency = "USD";
        p.rule.fixed_value = 1000;
        p.created_at = now();
        EXPECT_TRUE(store_->programs().insert_program(p).ok());
        return p.id;
    }

    Uuid add_entitlement(model::EntitlementState state, Date valid_until) {
        model::Registrant r;
        r.id = new_uuid_v7();
        r.name = "someone";
        r.created_at = r.updated_at = now();
        EXPECT_TRUE(store_->registry().insert_registrant(r).ok());
        model::Entitlement e;
        e.id = new_uuid_v7();
        e.cycle_id = cycle_;
        e.program_id = program_;
        e.registrant_id = r.id;
        e.state = state;
        e.amount = Money{1000, "USD"};
        e.valid_from = day(-60);
        e.valid_until = valid_until;
        e.created_at = now();
        EXPECT_TRUE(store_->delivery().insert_entitlement(e).ok());
        return e.id;
    }

    std::vector<model::EntitlementState> entitlement_states() {
        std::vector<model::EntitlementState> out;
        const auto rows = *store_->delivery().list_entitlements(cycle_);
        for (const auto& e : rows) out.push_back(e.state);
        return out;
    }

    model::CycleState cycle_state() { return store_->programs().get_cycle(cycle_)->state; }

    test::TestDatabase database_;  // PostgreSQL when SPMIS_TEST_BACKEND=postgres; else nothing
    store::testing::TempDir dir_;
    std::unique_ptr<store::Store> store_;
    Uuid program_;
    Uuid cycle_;
};

}  // namespace spmis::approvals::testing

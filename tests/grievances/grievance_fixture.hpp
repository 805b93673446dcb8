#pragma once
// A store on a fake clock (starting at the test run's now) with staff users and a few records a
// ticket can be about.

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "../store/store_fixture.hpp"
#include "../support/test_clock.hpp"
#include "spmis/grievances/grievance_service.hpp"

namespace spmis::grievances::testing {

class GrievanceTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto opened = store::open_sqlite_store({dir_.file("spmis.db"), &clock_, 0});
        ASSERT_TRUE(opened.ok()) << opened.status().to_string();
        store_ = std::move(*opened);
        auto seeded = store_->transaction([&] { return put_default_categories(*store_).status(); });
        ASSERT_TRUE(seeded.ok()) << seeded.to_string();
        model::User officer{new_uuid_v7(), "officer", "Officer",   {model::Role::kProgramManager},
                            "x",           true,      clock_.now()};
        ASSERT_TRUE(store_->access().insert_user(officer).ok());
        individual_ = add_registrant(model::RegistrantKind::kIndividual, "I-1");
        household_ = add_registrant(model::RegistrantKind::kGroup, "H-1");
    }

    Uuid add_registrant(model::RegistrantKind kind, const std::string& external_id) {
        model::Registrant r;
        r.id = new_uuid_v7();
        r.kind = kind;
        r.external_id = external_id;
        r.name = "Name " + external_id;
        r.created_at = r.updated_at = clock_.now();
        EXPECT_TRUE(store_->registry().insert_registrant(r).ok());
        return r.id;
    }

    OpenRequest basket_missing() const {
        OpenRequest r;
        r.category = "in_kind_not_received";  // seeded: response 24 h, resolution 120 h
        r.subcategory = "not_received";
        r.priority = "high";
        r.channel = "walk_in";
        r.complainant_id = individual_;
        r.description = "I was not given my basket";
        r.links.registrant_id = individual_;
        r.links.household_id = household_;
        return r;
    }

    // Runs `body` in one transaction, as the API does.
    template <typename F>
    auto in_transaction(F body) -> decltype(body()) {
        decltype(body()) out = make_error(ErrorCode::kInternal, "not run");
        Status s = store_->transaction([&]() -> Status {
            out = body();
            return out.status();
        });
        if (!s.ok() && out.ok()) out = s;
        return out;
    }

    Result<store::Grievance> open(const OpenRequest& r) {
        return in_transaction([&] { return open_grievance(*store_, r, "clerk"); });
    }
    Result<store::Grievance> move(const Uuid& id, const std::string& to, const std::string& decision = "") {
        return in_transaction(
            [&] { return transition_grievance(*store_, id, to, decision, "officer", "why " + to); });
    }
    Result<store::Grievance> assign(const Uuid& id) {
        return in_transaction([&] { return assign_grievance(*store_, id, "officer", "supervisor", ""); });
    }
    Result<int> escalate() {
        return in_transaction([&] { return escalate_breached_grievances(*store_); });
    }
    store::Grievance reread(const Uuid& id) { return *store_->grievances().get_grievance(id); }

    store::testing::TempDir dir_;
    FakeClock clock_{test::test_clock().now()};
    std::unique_ptr<store::Store> store_;
    Uuid individual_;
    Uuid household_;
};

}  // namespace spmis::grievances::testing

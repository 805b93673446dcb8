// Monitoring figures against direct counts over the records: coverage, memberships, entitlements
// per cycle and state, payment success, budget used, in-kind entitled vs redeemed per site.

#include <gtest/gtest.h>

#include <map>

#include "payment_flow_fixture.hpp"
#include "spmis/payments/batches.hpp"
#include "spmis/payments/monitoring.hpp"
#include "spmis/payments/payment_file.hpp"
#include "spmis/payments/reconciliation.hpp"

namespace spmis::payments {
namespace {

using nlohmann::json;
using testing::PaymentFlowTest;
using testing::read_csv;

class MonitoringTest : public PaymentFlowTest {
protected:
    json figures(const std::string& code) {
        auto f = monitoring_json(*store_, program(code).id);
        EXPECT_TRUE(f.ok()) << f.status().to_string();
        return f.ok() ? *f : json{};
    }

    // Pays all but the first two payments of a fresh batch of the cycle.
    void pay_with_two_failures(const model::Cycle& cycle) {
        auto batch = create_batch(*store_, cycle.id, {model::ProviderKind::kBank, "Bank", "fin"});
        auto file = export_batch(*store_, batch->batch.id, "fin");
        auto rows = read_csv(file->csv);
        std::string results = "entitlement,status,reference,reason\n";
        for (std::size_t i = 1; i < rows.size(); ++i) {
            results += rows[i][1] + (i <= 2 ? ",failed,,closed\n" : ",paid,R" + std::to_string(i) + ",\n");
        }
        ASSERT_TRUE(import_results(*store_, batch->batch.id, results, "fin")->applied);
    }
};

TEST_F(MonitoringTest, CashFiguresEqualDirectCounts) {
    auto cycle = approved_cycle("CHILD_GRANT");
    pay_with_two_failures(cycle);
    auto p = program("CHILD_GRANT");
    json f = figures("CHILD_GRANT");

    std::map<std::string, std::int64_t> members;
    for (const auto& m : memberships_of(p.id)) ++members[std::string(model::to_string(m.state))];
    using Counts = std::map<std::string, std::int64_t>;
    EXPECT_EQ(f["memberships"].get<Counts>(), members);
    const std::int64_t eligible =
        members["draft"] + members["enrolled"] + members["paused"] + members["exited"];
    EXPECT_EQ(f["coverage"]["eligible"], eligible);
    EXPECT_EQ(f["coverage"]["enrolled"], members["enrolled"]);
    EXPECT_GT(members["enrolled"], 0);
    EXPECT_DOUBLE_EQ(f["coverage"]["rate"].get<double>(), double(members["enrolled"]) / double(eligible));

    ASSERT_EQ(f["cycles"].size(), 1u);
    const json& c = f["cycles"][0];
    std::map<std::string, std::pair<std::int64_t, std::int64_t>> states;  // count, value
    std::int64_t committed = 0;
    for (const auto& e : entitlements(cycle.id)) {
        auto& s = states[std::string(model::to_string(e.state))];
        ++s.first;
        s.second += e.amount.minor_units;
        if (e.state == model::EntitlementState::kPaid || e.state == model::EntitlementState::kApproved) {
            committed += e.amount.minor_units;
        }
    }
    ASSERT_EQ(c["entitlements"].size(), states.size());
    for (const json& s : c["entitlements"]) {
        EXPECT_EQ(s["count"], states[s["state"]].first) << s;
        EXPECT_EQ(s["value_minor"], states[s["state"]].second) << s;
    }
    EXPECT_EQ(states["approved"].first, 2);  // the two failures are payable again
    EXPECT_EQ(c["budget_used_minor"], committed);
    std::int64_t paid = 0, failed = 0, paid_minor = 0;
    for (const auto& b : batches_of(cycle.id)) {
        for (const auto& pay : payments_of(b.id)) {
            paid += pay.status == model::PaymentStatus::kPaid;
            failed += pay.status == model::PaymentStatus::kFailed;
            if (pay.status == model::PaymentStatus::kPaid) paid_minor += pay.amount.minor_units;
        }
    }
    EXPECT_EQ(c["payments"]["paid"], paid);
    EXPECT_EQ(c["payments"]["failed"], 2);
    EXPECT_EQ(c["payments"]["paid_minor"], paid_minor);
    EXPECT_DOUBLE_EQ(f["payments"]["success_rate"].get<double>(), double(paid) / double(paid + failed));
    EXPECT_EQ(f["budget"]["used_minor"], committed);

    const auto csv = read_csv(monitoring_csv(f));
    bool saw_rate = false;
    for (const auto& row : csv) {
        if (row[0] == "coverage" && row[2] == "enrolled") {
            EXPECT_EQ(row[4], std::to_string(members["enrolled"]));
        }
        if (row[0] == "payments" && row[1] == "1" && row[3] == "paid") {
            EXPECT_EQ(row[4], std::to_string(paid));
        }
        saw_rate = saw_rate || (row[0] == "coverage" && row[2] == "rate");
    }
    EXPECT_TRUE(saw_rate);
}

TEST_F(MonitoringTest, InKindEntitledAndRedeemedPerServicePointEqualDirectSums) {
    auto cycle = approved_cycle("FOOD_BASKET");
    auto ents = entitlements(cycle.id);
    ASSERT_GE(ents.size(), 3u);
    std::vector<Uuid> redemption_ids;
    for (std::size_t i = 0; i < 3; ++i) {
        model::Redemption r;
        r.id = new_uuid_v7();
        r.entitlement_id = ents[i].id;
        r.service_point_id = *ents[i].service_point_id;
        r.quantity = 0.5 + static_cast<double>(i);
        r.recorded_by = "officer";
        r.at = SystemClock::instance().now();
        ASSERT_TRUE(store_->service_points().insert_redemption(r).ok());
        redemption_ids.push_back(r.id);
    }
    ASSERT_TRUE(store_->service_points().void_redemption(redemption_ids[2], "supervisor").ok());
    std::map<std::string, std::pair<double, double>> direct;  // code -> entitled, redeemed
    for (const auto& e : entitlements(cycle.id)) {
        const std::string code = store_->service_points().get_service_point(*e.service_point_id)->code;
        direct[code].first += e.quantity;
        direct[code].second += static_cast<double>(*store_->service_points().redeemed_milli(e.id)) / 1000.0;
    }
    json f = figures("FOOD_BASKET");
    ASSERT_EQ(f["service_points"].size(), direct.size());
    double redeemed = 0;
    for (const json& s : f["service_points"]) {
        EXPECT_DOUBLE_EQ(s["entitled"].get<double>(), direct[s["code"]].first) << s;
        EXPECT_DOUBLE_EQ(s["redeemed"].get<double>(), direct[s["code"]].second) << s;
        redeemed += s["redeemed"].get<double>();
    }
    EXPECT_DOUBLE_EQ(redeemed, 0.5 + 1.5);  // the voided one does not count
}

TEST_F(MonitoringTest, UnknownProgramIsNotFound) {
    EXPECT_EQ(monitoring_json(*store_, new_uuid_v7()).status().code(), ErrorCode::kNotFound);
}

}  // namespace
}  // namespace spmis::payments

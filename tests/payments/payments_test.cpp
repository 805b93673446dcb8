// The cash money path on the demo data: batch -> provider file -> results with failures ->
// second batch of the failures -> idempotent re-import -> bad files refused whole -> never paid twice.

#include <gtest/gtest.h>

#include "payment_flow_fixture.hpp"
#include "spmis/payments/batches.hpp"
#include "spmis/payments/payment_file.hpp"
#include "spmis/payments/reconciliation.hpp"

namespace spmis::payments {
namespace {

using model::EntitlementState;
using testing::PaymentFlowTest;
using testing::read_csv;

constexpr std::size_t kFailures = 3;

// A result file for a batch file: the first kFailures rows failed, the rest paid as REF-<n>.
std::string results_for(const std::string& batch_file) {
    auto rows = read_csv(batch_file);
    std::string out = "entitlement,status,reference,reason,amount\n";
    for (std::size_t i = 1; i < rows.size(); ++i) {
        const bool fail = i <= kFailures;
        out += rows[i][1] + (fail ? ",failed,," : ",paid,REF-" + std::to_string(i) + ",") +
               (fail ? "\"wallet closed, number reassigned\"" : "") + "," + rows[i][5] + "\n";
    }
    return out;
}

class PaymentsTest : public PaymentFlowTest {};

TEST_F(PaymentsTest, BatchTakesEveryApprovedCashEntitlementOnce) {
    auto cycle = approved_cycle("CHILD_GRANT");
    const auto before = entitlements(cycle.id);
    ASSERT_FALSE(before.empty());
    auto batch = create_batch(*store_, cycle.id, {model::ProviderKind::kMobileMoney, "MobileMoneyCo", "fin"});
    ASSERT_TRUE(batch.ok()) << batch.status().to_string();
    EXPECT_EQ(batch->payments, before.size());
    std::int64_t total = 0;
    for (const auto& e : before) total += e.amount.minor_units;
    EXPECT_EQ(batch->total, (Money{total, "USD"}));
    for (const auto& e : entitlements(cycle.id)) EXPECT_EQ(e.state, EntitlementState::kTransferred);
    auto again = create_batch(*store_, cycle.id, {model::ProviderKind::kBank, "Bank", "fin"});
    EXPECT_EQ(again.status().code(), ErrorCode::kFailedPrecondition);
}

TEST_F(PaymentsTest, BatchAuditsEveryTransferredEntitlementOnce) {
    auto cycle = approved_cycle("CHILD_GRANT");
    auto batch = create_batch(*store_, cycle.id, {model::ProviderKind::kMobileMoney, "MobileMoneyCo", "fin"});
    ASSERT_TRUE(batch.ok()) << batch.status().to_string();
    const std::string reason = "in payment batch " + batch->batch.id.to_string() + " (MobileMoneyCo)";
    std::size_t transferred = 0;
    for (const auto& p : payments_of(batch->batch.id)) {
        std::size_t events = 0;
        const auto trail = *store_->audit().list_for_record(p.entitlement_id);  // by value: outlives the loop
        for (const auto& e : trail) {
            if (e.after != R"({"state":"transferred"})") continue;
            ++events;
            EXPECT_EQ(e.before, R"({"state":"approved"})");
            EXPECT_EQ(e.reason, reason);
            EXPECT_EQ(e.actor, "fin");
        }
        EXPECT_EQ(events, 1u) << p.entitlement_id.to_string();
        EXPECT_EQ(p.status, model::PaymentStatus::kPending);
        transferred += events;
    }
    EXPECT_EQ(transferred, batch->payments);
}

TEST_F(PaymentsTest, BatchRefusesADraftCycleAndAnEmptyProvider) {
    auto p = program("CHILD_GRANT");
    auto c = programs::create_cycle(
        *store_, p.id, {"Draft", testing::day(2026, 12, 1), testing::day(2026, 12, 31), std::nullopt, "mgr"});
    ASSERT_TRUE(c.ok());
    EXPECT_EQ(create_batch(*store_, c->id, {model::ProviderKind::kBank, "Bank", "fin"}).status().code(),
              ErrorCode::kFailedPrecondition);
    EXPECT_EQ(create_batch(*store_, c->id, {model::ProviderKind::kBank, "", "fin"}).status().code(),
              ErrorCode::kInvalidArgument);
    EXPECT_EQ(create_batch(*store_, new_uuid_v7(), {model::ProviderKind::kBank, "B", "fin"}).status().code(),
              ErrorCode::kNotFound);
}

TEST_F(PaymentsTest, ExportIsDeterministicQuotedAndHashed) {
    auto cycle = approved_cycle("CHILD_GRANT");
    auto first_e = entitlements(cycle.id).front();
    auto r = *store_->registry().get_registrant(first_e.registrant_id);
    r.name = "Diallo, \"Ama\"";
    r.phone = "+000 555 0101";
    ASSERT_TRUE(store_->registry().update_registrant(r, "clerk", "test").ok());
    auto batch = create_batch(*store_, cycle.id, {model::ProviderKind::kMobileMoney, "MM", "fin"});
    ASSERT_TRUE(batch.ok());
    auto file = export_batch(*store_, batch->batch.id, "fin");
    ASSERT_TRUE(file.ok()) << file.status().to_string();
    EXPECT_EQ(file->sha256, sha256_hex(file->csv));
    EXPECT_EQ(store_->delivery().get_payment_batch(batch->batch.id)->file_sha256, file->sha256);
    EXPECT_EQ(store_->delivery().get_payment_batch(batch->batch.id)->state,
              model::PaymentBatchState::kExported);
    EXPECT_NE(file->csv.find("\"Diallo, \"\"Ama\"\"\""), std::string::npos);
    auto rows = read_csv(file->csv);
    ASSERT_EQ(rows.size(), batch->payments + 1);
    EXPECT_EQ(rows[0], (std::vector<std::string>{"batch", "entitlement", "beneficiary", "name",
                                                 "account_or_phone", "amount", "currency"}));
    const auto ents = entitlements(cycle.id);  // id order, the file's order
    for (std::size_t i = 0; i < ents.size(); ++i) {
        EXPECT_EQ(rows[i + 1][1], ents[i].id.to_string());
        EXPECT_EQ(rows[i + 1][2], ents[i].registrant_id.to_string());
        EXPECT_EQ(*parse_amount(rows[i + 1][5]), ents[i].amount.minor_units);
    }
    EXPECT_EQ(rows[1][3], "Diallo, \"Ama\"");
    EXPECT_EQ(rows[1][4], "+000 555 0101");
    auto second = export_batch(*store_, batch->batch.id, "fin");
    EXPECT_EQ(second->csv, file->csv);
    // Inside a transaction that has already written, no second connection may read: the lines are
    // read on one connection, and the bytes are the same as the two halves read at once.
    Result<PaymentFile> one_connection = PaymentFile{};
    Status exported = store_->transaction([&]() -> Status {
        SPMIS_RETURN_IF_ERROR(
            store_->audit().append({new_uuid_v7(), "fin", "payment_batch", batch->batch.id, "note", "", "",
                                    "exported again", SystemClock::instance().now()}));
        one_connection = export_batch(*store_, batch->batch.id, "fin");
        return one_connection.status();
    });
    ASSERT_TRUE(exported.ok()) << exported.to_string();
    EXPECT_EQ(one_connection->csv, file->csv);
}

TEST_F(PaymentsTest, ResultsPayAndFailThenSecondBatchHoldsOnlyTheFailures) {
    auto cycle = approved_cycle("CHILD_GRANT");
    auto batch = create_batch(*store_, cycle.id, {model::ProviderKind::kMobileMoney, "MM", "fin"});
    auto file = export_batch(*store_, batch->batch.id, "fin");
    const std::string results = results_for(file->csv);
    auto report = import_results(*store_, batch->batch.id, results, "fin");
    ASSERT_TRUE(report.ok()) << report.status().to_string();
    EXPECT_TRUE(report->applied) << format_problems(report->problems);
    EXPECT_EQ(report->failed, kFailures);
    EXPECT_EQ(report->paid, batch->payments - kFailures);
    EXPECT_EQ(report->batch_state, model::PaymentBatchState::kReconciled);
    std::vector<Uuid> failed;
    for (const auto& p : payments_of(batch->batch.id)) {
        auto e = *store_->delivery().get_entitlement(p.entitlement_id);
        if (p.status == model::PaymentStatus::kFailed) {
            EXPECT_EQ(p.failure_reason, "wallet closed, number reassigned");
            EXPECT_EQ(e.state, EntitlementState::kApproved);
            failed.push_back(e.id);
        } else {
            EXPECT_EQ(p.status, model::PaymentStatus::kPaid);
            EXPECT_EQ(e.state, EntitlementState::kPaid);
        }
    }
    ASSERT_EQ(failed.size(), kFailures);

    const std::string before = digest();
    auto again = import_results(*store_, batch->batch.id, results, "fin");
    ASSERT_TRUE(again.ok());
    EXPECT_TRUE(again->applied && again->already_imported);
    EXPECT_EQ(again->paid + again->failed, 0u);
    EXPECT_EQ(again->unchanged, batch->payments);
    EXPECT_EQ(digest(), before);

    auto second = create_batch(*store_, cycle.id, {model::ProviderKind::kCashAgent, "Agents", "fin"});
    ASSERT_TRUE(second.ok()) << second.status().to_string();
    ASSERT_EQ(second->payments, kFailures);
    std::vector<Uuid> in_second;
    for (const auto& p : payments_of(second->batch.id)) in_second.push_back(p.entitlement_id);
    // As sets: payments list in id order, which need not follow the entitlements' order.
    const auto by_bytes = [](const Uuid& a, const Uuid& b) { return a.bytes() < b.bytes(); };
    std::sort(in_second.begin(), in_second.end(), by_bytes);
    std::sort(failed.begin(), failed.end(), by_bytes);
    EXPECT_EQ(in_second, failed);
    // The first batch's failures keep their reason after being batched again.
    for (const auto& p : payments_of(batch->batch.id)) {
        if (p.status == model::PaymentStatus::kFailed) {
            EXPECT_FALSE(p.failure_reason.empty());
        }
    }
}

TEST_F(PaymentsTest, BadRowsAreReportedAndNothingIsApplied) {
    auto cycle = approved_cycle("CHILD_GRANT");
    auto batch = create_batch(*store_, cycle.id, {model::ProviderKind::kBank, "Bank", "fin"});
    ASSERT_EQ(import_results(*store_, batch->batch.id, "entitlement,status\n", "fin").status().code(),
              ErrorCode::kFailedPrecondition);  // not exported yet
    auto file = export_batch(*store_, batch->batch.id, "fin");
    auto rows = read_csv(file->csv);
    const std::string good = rows[1][1] + ",paid,R1,," + rows[1][5] + "\n";
    const std::string before = digest();
    const auto expect_refused = [&](const std::string& csv, std::size_t line, const std::string& column) {
        auto r = import_results(*store_, batch->batch.id, csv, "fin");
        ASSERT_TRUE(r.ok()) << r.status().to_string();
        EXPECT_FALSE(r->applied);
        ASSERT_FALSE(r->problems.empty()) << csv;
        EXPECT_EQ(r->problems.front().line, line) << format_problems(r->problems);
        EXPECT_EQ(r->problems.front().column, column) << format_problems(r->problems);
        EXPECT_EQ(r->paid + r->failed, 0u);
        EXPECT_EQ(digest(), before);
    };
    const std::string header = "entitlement,status,reference,reason,amount\n";
    expect_refused(header + good + new_uuid_v7().to_string() + ",paid,R2,,1.00\n", 3, "entitlement");
    expect_refused(header + good + rows[2][1] + ",paid,R2,,999.99\n", 3, "amount");
    expect_refused(header + good + rows[2][1] + ",lost,R2,,\n", 3, "status");
    expect_refused(header + good + rows[2][1] + ",paid,R2\n", 3, "");
    expect_refused(header + good + "\"unterminated,paid\n", 3, "");
    expect_refused(header + good + good, 3, "entitlement");
    expect_refused("status,reference\npaid,R1\n", 1, "entitlement");
    expect_refused(header + "not-an-id,paid,R,,1.00\n", 2, "entitlement");
    expect_refused(header + rows[1][1] + ",paid,R,,12.345\n", 2, "amount");
}

TEST_F(PaymentsTest, AnEntitlementIsNeverPaidTwice) {
    auto cycle = approved_cycle("CHILD_GRANT");
    auto batch = create_batch(*store_, cycle.id, {model::ProviderKind::kBank, "Bank", "fin"});
    auto file = export_batch(*store_, batch->batch.id, "fin");
    auto rows = read_csv(file->csv);
    ASSERT_TRUE(import_results(*store_, batch->batch.id,
                               "entitlement,status,reference\n" + rows[1][1] + ",paid,R1\n", "fin")
                    ->applied);
    // A later file may not turn the payment into a failure (which would make it payable again) ...
    auto flip =
        import_results(*store_, batch->batch.id,
                       "entitlement,status,reference,reason\n" + rows[1][1] + ",failed,,bounced\n", "fin");
    EXPECT_FALSE(flip->applied);
    EXPECT_EQ(flip->problems.at(0).column, "status");
    // ... nor pay it again under another reference ...
    auto twice = import_results(*store_, batch->batch.id,
                                "entitlement,status,reference\n" + rows[1][1] + ",paid,R9\n", "fin");
    EXPECT_FALSE(twice->applied);
    // ... and the database refuses a second live payment for it.
    auto paid = *Uuid::parse(rows[1][1]);
    model::Payment dup{
        new_uuid_v7(), batch->batch.id, paid, Money{100, "USD"}, model::PaymentStatus::kPaid, "X", "", {}};
    EXPECT_EQ(store_->delivery().insert_payment(dup).code(), ErrorCode::kAlreadyExists);
    EXPECT_EQ(store_->delivery().get_entitlement(paid)->state, EntitlementState::kPaid);
}

TEST(PaymentAmountTest, ParsesAndFormatsTwoDecimals) {
    EXPECT_EQ(format_amount(5500), "55.00");
    EXPECT_EQ(format_amount(5), "0.05");
    EXPECT_EQ(*parse_amount("55"), 5500);
    EXPECT_EQ(*parse_amount("55.5"), 5550);
    EXPECT_EQ(*parse_amount("0.05"), 5);
    for (const char* bad : {"", "-1", "1.234", "1.", ".5", "1e3", "12a", "99999999999999999999"}) {
        EXPECT_FALSE(parse_amount(bad).ok()) << bad;
    }
}

TEST(PaymentHashTest, MatchesTheKnownSha256OfAbc) {
    EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace spmis::payments

// Payments and monitoring over real HTTP against spmis-server: one role allowed and one refused
// per route family, the served file's SHA-256, all-or-nothing result upload, CSV monitoring.

#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>

#include "../server/server_fixture.hpp"
#include "openssl_sha256.hpp"
#include "spmis/demo/demo_data.hpp"
#include "spmis/programs/cycles.hpp"
#include "spmis/programs/enrollment.hpp"
#include "spmis/programs/entitlements.hpp"
#include "support/test_clock.hpp"

namespace spmis::test {
namespace {

constexpr const char* kPassword = "correct horse";

// First field of every data line (the header is skipped); ids and amounts need no quoting.
std::vector<std::vector<std::string>> simple_rows(const std::string& csv) {
    std::vector<std::vector<std::string>> rows;
    std::size_t start = csv.find('\n') + 1;
    while (start < csv.size()) {
        const std::size_t end = csv.find('\n', start);
        std::vector<std::string> fields;
        std::string line = csv.substr(start, end - start);
        std::size_t from = 0;
        for (int i = 0; i < 2; ++i) {  // batch, entitlement
            const std::size_t comma = line.find(',', from);
            fields.push_back(line.substr(from, comma - from));
            from = comma + 1;
        }
        rows.push_back(fields);
        start = end + 1;
    }
    return rows;
}

class PaymentApiTest : public ServerFixture {
protected:
    void SetUp() override {
        for (const char* role : {"finance_officer", "program_viewer", "administrator"}) {
            ASSERT_EQ(add_user(role, role, kPassword), 0);
        }
        prepare_cycle();
        if (std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()).find("Cli") ==
            std::string::npos) {
            start();
        }
    }

    // The demo data and an approved November cycle of the child grant, written before the server starts.
    void prepare_cycle() {
        auto store = open_test_store(dir_.path());
        ASSERT_TRUE(store.ok());
        ASSERT_TRUE(demo::generate_demo(**store, demo::DemoOptions{40, 1, nullptr}).ok());
        auto program = (*store)->programs().find_program_by_code("CHILD_GRANT");
        program_id_ = (**program).id.to_string();
        programs::EnrollmentOptions o;
        o.reference = demo::kDemoReferenceDate;
        ASSERT_TRUE(programs::enroll(**store, (**program).id, o).ok());
        // This month's cycle: the server expires entitlements past their validity by its clock.
        const MonthSpan month = current_month();
        const Date start = *parse_date(month.start);
        const Date end = *parse_date(month.end);
        auto cycle =
            programs::create_cycle(**store, (**program).id, {"This month", start, end, std::nullopt, "mgr"});
        ASSERT_TRUE(cycle.ok());
        ASSERT_TRUE(programs::generate_entitlements(**store, cycle->id).ok());
        ASSERT_TRUE(programs::approve_cycle(**store, cycle->id, "mgr").ok());
        cycle_id_ = cycle->id.to_string();
    }

    void as(const std::string& user) { client_->set_bearer(login(user, kPassword)); }

    HttpResult post_csv(const std::string& path, const std::string& csv) {
        return client_->post(path, csv, {{"Content-Type", "text/csv"}});
    }

    std::string program_id_;
    std::string cycle_id_;
};

TEST_F(PaymentApiTest, FinanceRunsTheBatchOthersAreRefused) {
    const nlohmann::json body = {{"provider", "MobileMoneyCo"}, {"provider_kind", "mobile_money"}};
    const std::string batches = "/api/v1/cycles/" + cycle_id_ + "/payment-batches";
    as("program_viewer");
    EXPECT_EQ(client_->post_json(batches, body).status, 403);
    as("finance_officer");
    EXPECT_EQ(client_->post_json(batches, {{"provider", "X"}, {"provider_kind", "pigeon"}}).status, 400);
    HttpResult created = client_->post_json(batches, body);
    ASSERT_EQ(created.status, 201) << created.body;
    const std::string batch = "/api/v1/payment-batches/" + created.json()["id"].get<std::string>();
    const auto payments = created.json()["payments"]["pending"].get<std::size_t>();
    ASSERT_GT(payments, 2u);

    as("program_viewer");
    EXPECT_EQ(client_->get(batch).status, 200);
    EXPECT_EQ(client_->get(batch + "/file").status, 403);
    as("finance_officer");
    HttpResult file = client_->get(batch + "/file");
    ASSERT_EQ(file.status, 200) << file.body;
    EXPECT_EQ(file.header("content-type").rfind("text/csv", 0), 0u);
    EXPECT_EQ(file.header("x-content-sha256"), openssl_sha256(file.body));
    EXPECT_EQ(client_->get(batch).json()["file_sha256"], openssl_sha256(file.body));

    const auto rows = simple_rows(file.body);
    ASSERT_EQ(rows.size(), payments);
    std::string results = "entitlement,status,reference,reason\n";
    for (std::size_t i = 0; i < rows.size(); ++i) {
        results +=
            rows[i][1] + (i == 0 ? ",failed,,no such wallet\n" : ",paid,R" + std::to_string(i) + ",\n");
    }
    const std::string stray = new_uuid_v7().to_string() + ",paid,R0,\n";
    HttpResult refused = post_csv(batch + "/results", results + stray);
    ASSERT_EQ(refused.status, 422) << refused.body;
    EXPECT_EQ(refused.json()["error"]["report"]["problems"][0]["line"], payments + 2);
    EXPECT_EQ(client_->get(batch).json()["payments"]["pending"], payments);  // nothing applied

    as("program_viewer");
    EXPECT_EQ(post_csv(batch + "/results", results).status, 403);
    as("finance_officer");
    HttpResult applied = post_csv(batch + "/results", results);
    ASSERT_EQ(applied.status, 200) << applied.body;
    EXPECT_EQ(applied.json()["paid"], payments - 1);
    EXPECT_EQ(applied.json()["failed"], 1);
    HttpResult again = post_csv(batch + "/results", results);
    EXPECT_EQ(again.json()["already_imported"], true);
    EXPECT_EQ(again.json()["paid"], 0);

    HttpResult second =
        client_->post_json(batches, {{"provider", "Agents"}, {"provider_kind", "cash_agent"}});
    ASSERT_EQ(second.status, 201) << second.body;
    EXPECT_EQ(second.json()["payments"]["pending"], 1);

    // The cycle lists both batches, oldest first, with their counts; a viewer may read them.
    as("program_viewer");
    HttpResult listed = client_->get(batches);
    ASSERT_EQ(listed.status, 200) << listed.body;
    const nlohmann::json all = listed.json()["batches"];
    ASSERT_EQ(all.size(), 2u) << listed.body;
    EXPECT_EQ(all[0]["id"], created.json()["id"]);
    EXPECT_EQ(all[0]["payments"]["paid"], payments - 1);
    EXPECT_EQ(all[0]["file_sha256"], openssl_sha256(file.body));
    EXPECT_EQ(all[1]["id"], second.json()["id"]);
    EXPECT_EQ(client_->get("/api/v1/cycles/" + new_uuid_v7().to_string() + "/payment-batches").status, 404);
}

TEST_F(PaymentApiTest, MonitoringIsReadableByViewersNotByAdministrators) {
    const std::string path = "/api/v1/monitoring/programs/" + program_id_;
    EXPECT_EQ(client_->get(path).status, 401);
    as("administrator");
    EXPECT_EQ(client_->get(path).status, 403);
    as("program_viewer");
    HttpResult figures = client_->get(path);
    ASSERT_EQ(figures.status, 200) << figures.body;
    EXPECT_GT(figures.json()["coverage"]["enrolled"].get<int>(), 0);
    EXPECT_EQ(figures.json()["cycles"].size(), 1u);
    HttpResult csv = client_->get(path + "?format=csv");
    ASSERT_EQ(csv.status, 200);
    EXPECT_EQ(csv.header("content-type").rfind("text/csv", 0), 0u);
    EXPECT_EQ(csv.body.rfind("section,cycle,key,state,count,value,quantity\n", 0), 0u);
    EXPECT_EQ(client_->get(path + "?format=xml").status, 400);
    EXPECT_EQ(client_->get("/api/v1/monitoring/programs/" + new_uuid_v7().to_string()).status, 404);
}

TEST_F(PaymentApiTest, CliBatchesExportsAndImportsAllOrNothing) {
    std::string out;
    ASSERT_EQ(run_server_command({"payment", "batch", "--data", dir_.path(), "--cycle", cycle_id_,
                                  "--provider", "MM", "--kind", "mobile_money"},
                                 "", &out),
              0)
        << out;
    const std::string batch = out.substr(0, out.find('\n'));
    const std::string file = dir_.path() + "/batch.csv";
    out.clear();
    ASSERT_EQ(run_server_command(
                  {"payment", "export", "--data", dir_.path(), "--batch", batch, "--out", file}, "", &out),
              0);
    std::ifstream in(file, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(out.substr(0, 64), openssl_sha256(bytes));
    const auto rows = simple_rows(bytes);
    std::string results = "entitlement,status,reference\n";
    for (std::size_t i = 0; i < rows.size(); ++i)
        results += rows[i][1] + ",paid,R" + std::to_string(i) + "\n";
    const std::string bad = dir_.path() + "/bad.csv";
    std::ofstream(bad) << results << "oops,paid,R\n";
    EXPECT_NE(run_server_command({"payment", "import", "--data", dir_.path(), "--batch", batch, bad}, ""), 0);
    const std::string good = dir_.path() + "/good.csv";
    std::ofstream(good) << results;
    out.clear();
    ASSERT_EQ(
        run_server_command({"payment", "import", "--data", dir_.path(), "--batch", batch, good}, "", &out),
        0);
    EXPECT_NE(out.find("paid " + std::to_string(rows.size()) + ", failed 0"), std::string::npos) << out;
    EXPECT_EQ(run_server_command(
                  {"payment", "batch", "--data", dir_.path(), "--cycle", cycle_id_, "--provider", "MM"}, ""),
              exit_code_for(ErrorCode::kFailedPrecondition));
}

}  // namespace
}  // namespace spmis::test
